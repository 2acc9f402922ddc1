"""The zhinvest spaCy components, one module each."""

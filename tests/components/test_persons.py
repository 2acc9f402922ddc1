import pytest

from zhinvest.components.persons import PersonFinder


@pytest.fixture(scope="module")
def finder():
    return PersonFinder()


def persons(finder, text, organisations=()):
    return [text[m.start : m.end] for m in finder.find(text, list(organisations))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市委书记李强出席大会并见证项目签约", ["李强"]),
        ("市委副书记、市长龚正启动计划", ["龚正"]),
        ("市领导翁祖亮、诸葛宇杰、朱芝松出席。", ["翁祖亮", "诸葛宇杰", "朱芝松"]),
        ("吉利控股集团董事长李书福佩戴着眼镜。李书福说，上海很好。", ["李书福", "李书福"]),
        ("记者 | 杨舒鸿吉\n正文", ["杨舒鸿吉"]),
        ("新华网上海1月19日电(李荣 王巧月)上海金山", ["李荣", "王巧月"]),
        ("德国博世集团董事会主席史蒂凡·哈通说", ["史蒂凡·哈通"]),
        ("领导陆昊、隆国强出席", ["陆昊", "隆国强"]),
        ("副市长吴清作推介", ["吴清"]),
    ],
)
def test_persons_after_titles(finder, text, expected):
    assert persons(finder, text) == expected


def test_person_after_an_organisation_in_a_list(finder):
    text = "奥的斯全球公司朱蒂、安波福公司凯文·克拉克、波司登集团高德康等参加会见"
    organisations = [(text.index(o), text.index(o) + len(o)) for o in ("奥的斯全球公司", "安波福公司", "波司登集团")]
    assert persons(finder, text, organisations) == ["朱蒂", "凯文·克拉克", "高德康"]


@pytest.mark.parametrize(
    "text",
    [
        "市相关部门负责人和中外企业代表出席大会",
        "专家智库和推动者",
        "古林恒雄现任华钟咨询集团董事长、总经理",
        "市委常委、常务副市长",
    ],
)
def test_not_persons(finder, text):
    assert persons(finder, text) == []


def test_a_list_of_representatives_splits_organisation_and_name(finder):
    text = "德勤公司马丁、普华公司李明华、天合光能高纪凡、远景科技张雷等参加会见"
    organisations = [(text.index(o), text.index(o) + len(o)) for o in ("德勤公司", "普华公司")]
    mentions = finder.find(text, organisations)
    assert [(text[m.start : m.end], m.label) for m in mentions] == [
        ("马丁", "PERSON"), ("李明华", "PERSON"), ("高纪凡", "PERSON"), ("张雷", "PERSON"), ("天合光能", "ORG"), ("远景科技", "ORG"),
    ]


def test_a_transliterated_name_marks_its_surname_later(finder):
    text = "董事会主席史蒂凡·哈通出席。哈通说，合作愉快。"
    assert persons(finder, text) == ["史蒂凡·哈通", "哈通"]


def test_a_name_before_a_high_title(finder):
    assert persons(finder, "贯彻落实习近平总书记重要讲话") == ["习近平"]


def test_a_transliterated_name_after_a_company_in_a_list_of_representatives():
    from zhinvest.components.persons import PersonFinder

    text = "欧莱雅集团王明、宝洁公司李华、霍尼韦尔公司约翰·史密斯等企业代表出席"
    found = PersonFinder().find(text, organisations=[(0, 5), (8, 12)])
    persons = [text[m.start : m.end] for m in found if m.label == "PERSON"]
    orgs = [text[m.start : m.end] for m in found if m.label == "ORG"]
    assert "约翰·史密斯" in persons and "霍尼韦尔公司" in orgs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("本报讯(记 者 郑海涛 通讯员 傅 明)5月2日,", ["郑海涛", "傅 明"], id="spaced-titles-and-spaced-name"),
        pytest.param("本报讯 (刘晓琪 特约通讯员 赖文英)2月9日,", ["刘晓琪", "赖文英"], id="names-around-a-title-in-brackets"),
        pytest.param("本报讯(记者 高和平 见习记者 周 洁)昨日", ["高和平", "周 洁"], id="function-char-in-a-byline-name"),
        pytest.param("香港某报记者 张明远报道", ["张明远"], id="name-after-reporter"),
        pytest.param("市领导吕林山、王方明、马彩霞及段立新参加。", ["吕林山", "王方明", "马彩霞", "段立新"], id="list-ended-by-及"),
        pytest.param("新任顾问、日本籍山田太郎就是代表。山田太郎现任董事长", ["山田太郎", "山田太郎"], id="nationality-then-repeat"),
    ],
)
def test_bylines_lists_and_nationalities(finder, text, expected):
    assert persons(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "organisations"),
    [
        pytest.param("某光源项目,总投资达9800万元。新兴产业项目纷纷落户,签约项目质量高", ["某光源"], id="surname-项-word-after-an-organisation"),
        pytest.param("记者发现,与往年不同", [], id="reporter-then-verb"),
        pytest.param("(记者会上发布)", [], id="记者会"),
    ],
)
def test_frequent_words_are_no_names(finder, text, organisations):
    spans = [(text.index(o), text.index(o) + len(o)) for o in organisations]
    assert [m for m in finder.find(text, spans) if m.label == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("会上,王伟董事长表示", ["王伟"], id="name-before-title-after-comma"),
        pytest.param("张晓明董事长、李华副市长出席", ["张晓明", "李华"], id="name-title-list"),
        pytest.param("据赵立新教授介绍", ["赵立新"], id="据-name-title"),
        pytest.param("和欧阳明辉总经理一起", ["欧阳明辉"], id="compound-surname-before-title"),
        pytest.param("区委书记和该集团总裁表示", [], id="bodies-before-titles"),
        pytest.param("，王府井集团董事长", [], id="company-before-title"),
        pytest.param("，项目总经理", [], id="word-before-title"),
    ],
)
def test_names_before_titles(finder, text, expected):
    assert persons(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("索尼集团首席执行官吉田健太说，吉田健太表示", ["吉田健太", "吉田健太"]),  # a Japanese family name after a title
        ("总领事渡边裕子出席", ["渡边裕子"]),
        ("税务署署长黄志明表示", ["黄志明"]),  # 署长: a title
    ],
)
def test_japanese_names_and_more_titles_after_titles(finder, text, expected):
    assert persons(finder, text) == expected


def test_a_japanese_family_name_before_a_title_is_no_person(finder):
    assert persons(finder, "丰田中国总经理出席") == []  # 丰田: a company's name before a title

import pytest

from zhinvest.components.places import PlaceFinder


@pytest.fixture(scope="module")
def finder():
    return PlaceFinder()


def places(finder, text):
    return [text[m.start : m.end] for m in finder.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("蔚能拟投资50亿元入驻嘉定区", ["嘉定区"]),
        ("比亚迪电子智能终端研销总部落地徐汇", ["徐汇"]),
        ("扬子江药业集团拟在徐汇滨江打造健康总部", ["徐汇滨江"]),
        ("以临港新片区为主阵地", ["临港新片区"]),
        ("嘉定新城要打响品牌", ["嘉定新城"]),
        ("将达索系统亚太区总部由日本东京迁至上海浦东", ["亚太", "日本", "东京", "上海", "浦东"]),
        ("欢迎外资企业在沪发展，加快在华布局", ["沪", "华"]),
        ("引领长三角世界级产业集群建设", ["长三角"]),
        ("宁夏回族自治区和内蒙古", ["宁夏回族自治区", "内蒙古"]),
    ],
)
def test_places(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "东方网记者获悉，资源整合与合作共赢",
        "比如我们的复合材料",
        "第二批特色产业园区和五个新城",
        "在华为工作，京东物流",
        "和平发展",
    ],
)
def test_not_places(finder, text):
    assert places(finder, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("企业和政府共同推动", []),  # 和政 (和政县) inside 和政府
        ("中华人民共和国成立以来", []),  # 共和 (共和县) inside 共和国
        ("维护香港人民的利益", ["香港"]),  # a place's people: still the place
        ("来到西安参观", ["西安"]),
        ("上海面向全球企业开放", ["上海"]),  # 海面 is a word, rarer than 上海
    ],
)
def test_short_place_names_inside_words(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("项目落户佛山经济技术开发区", ["佛山经济技术开发区"], id="place+long-zone-word"),
        pytest.param("由宿迁市开发区负责建设", ["宿迁市开发区"], id="city+generic-zone"),
        pytest.param("落户江门市沿海开发区的项目", ["江门市沿海开发区"], id="city+descriptor+zone"),
        pytest.param("推动顺德区和佛山高新区整合", ["顺德区", "佛山高新区"], id="two-zones"),
        pytest.param("百亿元项目白鹭新区文旅城开工", ["白鹭新区"], id="unknown-name+新区-after-common-word"),
        pytest.param("意味着白鹭新区未来可期", ["白鹭新区"], id="unknown-name+新区-after-particle"),
        pytest.param("在金鸡·银湖高新区投资", ["金鸡·银湖高新区"], id="two-names-dot-zone"),
        pytest.param("在亦港·清河高新区投资", ["亦港·清河高新区"], id="name-dot-county-zone"),
        pytest.param("位于石岩街道塘头工业区的厂房", ["石岩街道", "塘头工业区"], id="street+named-industrial-zone"),
        pytest.param("打造工业科技新城和南湾新城", ["南湾新城"], id="generic-vs-named-新城"),
        # GUIDELINES 3.2: a zone with a name of its own after its city is a place of its own
        pytest.param("项目落户株洲栗雨高新区", ["株洲", "栗雨高新区"], id="city+named-高新区"),
        pytest.param("在襄阳东津高新区投资建设", ["襄阳", "东津高新区"], id="city+named-高新区-2"),
        pytest.param("入驻珠海横琴湾开发区的企业", ["珠海", "横琴湾开发区"], id="city+named-开发区"),
        pytest.param("落户泰州医药高新区", ["泰州医药高新区"], id="city+sector-word+zone"),
        pytest.param("北京经济技术开发区和九江沿江开发区", ["北京经济技术开发区", "九江沿江开发区"], id="descriptors"),
        pytest.param("在泉州湾科技城设立研发中心", ["泉州湾科技城"], id="bay-named-after-the-city+zone"),
        pytest.param("某某新区和合肥新高新区", ["合肥"], id="generic-新-names-no-zone"),
    ],
)
def test_zones_named_with_a_place(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("打造国家级开发区", id="national-level-zone"),
        pytest.param("该开发区和各高新区", id="bare-zones"),
        pytest.param("建设一批产业新城", id="generic-新城"),
    ],
)
def test_generic_zones_are_no_places(finder, text):
    assert places(finder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("在金湾区三灶镇投资", ["金湾区", "三灶镇"], id="district+town"),
        pytest.param("工厂坐落于石岩街道", ["石岩街道"], id="street-full-name"),
        pytest.param("选址在合川草街的物流园,草街码头也将扩建", ["合川", "草街", "草街"], id="town-short-form-after-county-then-repeated"),
        pytest.param("珠海横琴新区管委会表示,在横琴注册的企业", ["珠海", "横琴新区", "横琴"], id="town-zone-then-short-form"),
        pytest.param("大兴区政府表示,在采育汽车产业基地", ["大兴区", "采育"], id="town-of-a-named-county"),
        pytest.param("今年落户中山市的项目多,落户中山的企业", ["中山市", "中山"], id="dropped-short-form-vouched-by-full-name"),
        pytest.param("黔南瓮安全域旅游项目", ["黔南", "瓮安"], id="county-after-its-prefecture"),
        pytest.param("复合片项目、开封县与某公司签约", ["开封县"], id="former-county-name"),
        pytest.param("此外还有商丘市情说明会", ["商丘"], id="suffix-begins-a-word"),
        pytest.param("由江都市沿江开发区和某公司建设", ["江都市沿江开发区"], id="short-form+市+zone"),
    ],
)
def test_towns_streets_and_short_forms(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("在白沙路、东园路建设管网", [], id="roads-named-after-places"),
        pytest.param("沿北京东路布局", [], id="road-with-direction"),
        pytest.param("在上海路演推介", ["上海"], id="路演-is-no-road"),
        pytest.param("也成为该县首家入驻企业,全县工业", [], id="lone-county-word"),
        pytest.param("新引进港澳项目21个", [], id="abbreviation-compound-as-modifier"),
        pytest.param("来自港澳地区的投资", ["港澳"], id="abbreviation-compound-as-noun"),
        pytest.param("某公司(川渝)物流中心", ["川渝"], id="abbreviation-compound-in-brackets"),
        pytest.param("来源:中国宁波 2008/5/1 10:00:00\n正文在宁波。", ["宁波"], id="source-line"),
        pytest.param("由某公司与荷兰ENKEN公司共同出资", ["荷兰"], id="country-before-latin-company"),
        pytest.param("如德国西门子、法国达索系统", ["德国", "法国"], id="countries-before-companies"),
        pytest.param("签约A股上市", [], id="latin-code"),
    ],
)
def test_roads_abbreviations_and_credit_lines(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "label", "before", "after", "kept"),
    [
        pytest.param("东西", "LOC", "通道", "人工岛", False, id="frequent-word-no-place"),
        pytest.param("太阳", "LOC", ")", "能级单", False, id="太阳能"),
        pytest.param("东园路", "LOC", "、", "基础", False, id="road"),
        pytest.param(".亦庄", "LOC", "北京", "」", False, id="starts-with-a-mark"),
        pytest.param("梁纽", "PERSON", "发挥桥", "带作用", False, id="crossed-by-桥梁-and-纽带"),
        pytest.param("李书福", "PERSON", "董事长", "表示", True, id="name-after-title"),
        pytest.param("上海", "LOC", "在", "举行", True, id="place"),
    ],
)
def test_model_places_and_persons_are_checked_in_context(text, label, before, after, kept):
    from zhinvest.components._spans import plausible_model_mention

    assert plausible_model_mention(text, label, before=before, after=after) is kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("加快推进小城镇建设和新型城镇化", [], id="小城镇-is-a-phrase"),
        pytest.param("我市开发区建设提速", [], id="our-city-zone"),
        pytest.param("沪苏浙皖四地", [], id="abbreviation-run-after-an-abbreviation"),
        pytest.param("设立成都天府新区", ["成都", "天府新区"], id="a-named-new-area-is-no-descriptor"),
    ],
)
def test_generic_phrases_stay_no_places(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("来自台中市的企业", ["台中市"], id="city-outside-the-gazetteer+市"),
        pytest.param("在新竹科学园区设厂", ["新竹"], id="city-outside-the-gazetteer-before-a-park"),
        pytest.param("与阿塞拜疆和乌拉圭企业合作", ["阿塞拜疆", "乌拉圭"], id="countries"),
        pytest.param("某公司硅谷研发中心", ["硅谷"], id="region"),
    ],
)
def test_places_beyond_the_divisions_of_china(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("北京朝阳和广州白云机场", ["北京", "朝阳", "广州", "白云"], id="county-dropped-as-a-word-after-its-city"),
        pytest.param("重庆某街道会议中心", ["重庆"], id="no-town-invented"),
        pytest.param("北京现代汽车", ["北京"], id="city-before-a-brand"),
    ],
)
def test_divisions_after_their_city(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("兴安县平川镇工业园区", ["兴安县", "平川镇"], id="town-after-its-county-not-in-the-gazetteer"),
        pytest.param("兴安县特色小镇和各乡镇", ["兴安县"], id="generic-towns-after-a-county"),
        pytest.param("兴安县城乡建设", ["兴安县"], id="county-before-城乡"),
    ],
)
def test_towns_after_their_county(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("项目落户青岛市即墨区", ["青岛市", "即墨区"], id="county-renamed-since-cpca"),
        pytest.param("在杭州市临平区开工", ["杭州市", "临平区"], id="district-created-since-cpca"),
        pytest.param("落户长春汽车经济技术开发区", ["长春汽车经济技术开发区"], id="zone-coded-as-a-county"),
        pytest.param("在青岛西海岸新区建设", ["青岛", "西海岸新区"], id="national-new-area-after-its-city"),
        pytest.param("落户南京江北新区", ["南京", "江北新区"], id="national-new-area-named-like-a-district"),
        pytest.param("在北京亦庄和武汉光谷投资", ["北京", "亦庄", "武汉", "光谷"], id="zone-aliases"),
        pytest.param("入驻天津泰达", ["天津", "泰达"], id="zone-alias-after-its-city"),
        pytest.param("准噶尔盆地的油田和黄土高原", ["准噶尔盆地", "黄土高原"], id="geographic-regions"),
        pytest.param("落户嘉兴独山港经济开发区", ["嘉兴", "独山港经济开发区"], id="town-names-a-zone-of-its-own"),  # GUIDELINES 3.2
        pytest.param("在绍兴柯桥经济开发区投资", ["绍兴", "柯桥经济开发区"], id="county-of-the-city-begins-the-zone"),
        pytest.param("在安徽宣城经开区投资", ["安徽", "宣城经开区"], id="province-then-city-zone"),
        pytest.param("在浙江嘉善经济技术开发区投资", ["浙江", "嘉善经济技术开发区"], id="province-then-county-zone"),
    ],
)
def test_zones_new_areas_and_renamed_counties(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("一批新星企业在白杨树下", id="new-county-short-forms-that-are-words"),
        pytest.param("建安工程公司", id="era-name-no-county"),
    ],
)
def test_new_county_short_forms_are_no_words(finder, text):
    assert places(finder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("已有三家企业总部在贵安开工建设", ["贵安"]),  # a national-level new area by its short name
        ("西咸已聚集企业500家", ["西咸"]),
    ],
)
def test_new_areas_by_their_short_names(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("宏达公司将在日本熊本县新建工厂", ["日本", "熊本县"]),
        ("将在美国得克萨斯州设立生产基地", ["美国", "得克萨斯州"]),
        ("在越南北宁省投资建厂", ["越南", "北宁省"]),
        ("德国巴伐利亚州经济部", ["德国", "巴伐利亚州"]),
        # no division: a count, a generic word, a function character before the suffix
        ("美国多个州出台政策", ["美国"]),
        ("日本各级政府表示", ["日本"]),
        ("德国联邦州政府", ["德国"]),
    ],
)
def test_a_division_abroad_after_its_country(finder, text, expected):
    assert places(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新项目选址翠亨新区", ["翠亨新区"]),
        ("该企业扎根多宝工业区已有八年", ["多宝工业区"]),
        ("研发中心进驻翠亨新区", ["翠亨新区"]),
        ("工厂整体迁入多宝工业区", ["多宝工业区"]),
    ],
)
def test_siting_verb_is_no_part_of_a_zone_name(finder, text, expected):
    """选址, 扎根, 进驻, 迁入 before an unknown zone name end the name, as 落户 does."""
    assert places(finder, text) == expected

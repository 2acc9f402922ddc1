import pytest

from zhinvest.components.organisations import OrganisationFinder, short_forms


@pytest.fixture(scope="module")
def finder():
    return OrganisationFinder()


def orgs(finder, text):
    return [text[m.start : m.end] for m in finder.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("如中国电气装备集团有限公司计划投资10亿元", ["中国电气装备集团有限公司"]),
        ("浦东新区与上海伟测半导体科技股份有限公司签约", ["上海伟测半导体科技股份有限公司"]),
        ("在通用航空领域,华芯国际投资有限公司拟投资14.2亿元", ["华芯国际投资有限公司"]),
        ("来自安联集团、黑石集团、红杉资本的4位国际企业家", ["安联集团", "黑石集团", "红杉资本"]),
        ("中国欧洲经济技术合作协会等6家机构", ["中国欧洲经济技术合作协会"]),
        ("法国液化空气集团黎瑞华等参加会见", ["液化空气集团"]),
        ("中国新加坡商会成为合作伙伴", ["中国新加坡商会"]),
        ("市委书记李强出席大会", ["市委"]),
        ("金山区委书记胡卫国表示", ["金山区委"]),
        ("各镇与区政府签订军令状", ["区政府"]),
        ("市投促办将深入推进", ["市投促办"]),
        ("会见联合国旅游组织秘书长", ["联合国旅游组织"]),
        ("国务院发展研究中心领导出席", ["国务院发展研究中心"]),
        ("中铁四局拟投资15亿元建立上海总部", ["中铁四局"]),
        ("如小华半导体计划投资8亿元", ["小华半导体"]),
        ("远航集团预计年内完成投资6亿元", ["远航集团"]),  # the filler words stop the name
        ("华芯电子今年预计投资6亿元", ["华芯电子"]),
        ("国内最大的汽车集团上汽集团", ["上汽集团"]),
        ("徐建青是复旦大学附属上海市公共卫生临床中心副院长", ["复旦大学附属上海市公共卫生临床中心"]),
        ("东方网记者王佳妮3月29日报道", ["东方网"]),
    ],
)
def test_organisations(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "一批上市公司和跨国公司来沪投资",
        "发起设立元宇宙新赛道产业基金",
        "吸引社会资本参与",
        "建设研发中心和配送中心",
        "发展智能网联新能源汽车",
        "总投资4898亿元的项目",
        "成立了2个国家级总部",
        "上海是全球运输网的重要节点",
        "在3D加速实验室开展研究",
        pytest.param(
            "马云将在杭州投资建设一座学校",
            marks=pytest.mark.xfail(strict=True, reason="a bare two-character person name in subject position is read as a brand's short name (吉利将在…)"),
        ),
    ],
)
def test_not_organisations(finder, text):
    assert orgs(finder, text) == []


def test_coordinated_names_in_a_list_of_organisations(finder):
    text = "今年,毕马威、腾讯、江苏银行、苏宁集团等10家机构成为合作伙伴"
    assert orgs(finder, text) == ["毕马威", "腾讯", "江苏银行", "苏宁集团"]


def test_a_list_without_two_organisations_stays_unlabelled(finder):
    assert orgs(finder, "涵盖集成电路、生物医药、人工智能等领域") == []


def test_names_found_once_mark_their_short_forms(finder):
    text = "上海瞻芯电子科技股份有限公司董事长介绍。2017年在临港成立的瞻芯电子致力于芯片。"
    assert orgs(finder, text) == ["上海瞻芯电子科技股份有限公司", "瞻芯电子"]


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("上海瞻芯电子科技股份有限公司", {"上海瞻芯电子", "瞻芯电子"}),
        ("中国电气装备集团有限公司", {"中国电气装备"}),
        ("蔚能(上海)电池科技有限公司", {"蔚能电池"}),
        ("红杉资本", set()),
    ],
)
def test_short_forms(name, forms):
    assert short_forms(name, frozenset({"上海", "临港"})) == forms


@pytest.mark.parametrize(
    "text, expected",
    [
        ("小鹏汽车华东运营中心、理想汽车南京研发中心等项目集中签约", ["小鹏汽车", "理想汽车"]),
        ("会上，美团智慧物流配送中心落户江宁", ["美团"]),
        ("当天还签约了宁德时代西南生产基地项目", ["宁德时代"]),
        ("如蔚来全球研发中心、拼多多数字化运营中心等", ["蔚来", "拼多多"]),
    ],
)
def test_company_before_the_facility_it_opens(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "加快建设人工智能创新中心、生物医药研发基地等平台",  # fields, not companies
        "新建无人机研发中心、无人机运营服务中心、仓储中心等",  # one product before several facilities
        "支持外资企业在本市设立研发中心、地区总部",  # no name before the facility
        "打造上海国际航运中心",  # a place, then no company
    ],
)
def test_no_company_before_a_facility(finder, text):
    assert orgs(finder, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("图片来源：东方IC\n记者 | 王明", ["东方IC"]),
        ("据南方日报报道，该项目", ["南方日报"]),
        ("会议结束后，第一财经记者了解到", ["第一财经"]),
        ("来源：新华社", []),  # SPEC: a source line is boilerplate, a picture credit is not
        ("在新闻发布会上获悉", []),
    ],
)
def test_news_organisations_in_credits_and_before_reporters(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("瑞士雀巢大中华区总裁在会上说", ["雀巢"]),
        ("韩国三星电子首席执行官表示", ["三星电子"]),
        ("美国国务卿布林肯", []),  # a country's own office
        ("德国总理朔尔茨", []),
    ],
)
def test_foreign_company_before_an_executive_title(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("各级政府要精心组织，确保落实", []),  # 组织 as a verb
        ("1996年亚太经合组织领导人会议", ["亚太经合组织"]),  # the date is not part of the name
        ("他们创办农民协会", ["农民协会"]),
    ],
)
def test_organisation_boundaries_in_general_news(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("投资方是一家初创公司深蓝智驾的股东", ["深蓝智驾"]),
        ("来自该集团旗下企业极氪智能。", ["极氪智能"]),
        ("一批科技企业发展壮大", []),  # ordinary words, not a name
        ("该科技公司董事长表示", []),
    ],
)
def test_a_name_after_a_described_kind_of_company(finder, text, expected):
    assert orgs(finder, text) == expected


# --- registered names as place + trade name + industry + legal form (invented companies) ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place anchors the left edge; a boundary character inside the trade name stays in it
        ("其中广州同和堂集团拟投资8亿元", ["广州同和堂集团"]),
        ("杭州同创科技股份公司拟联合多家企业", ["杭州同创科技股份公司"]),
        # a descriptor, a role noun or a demonstrative before the place is not part of the name
        ("包括理想汽车一级供应商浙江恒远工业科技股份有限公司投资的项目", ["浙江恒远工业科技股份有限公司"]),
        ("中德合资江苏科瑞精密制品公司由此成立", ["江苏科瑞精密制品公司"]),
        ("文旅项目投资方星澜集团执行董事表示", ["星澜集团"]),
        ("图为开发区明讯公司生产线", ["明讯公司"]),
        ("据悉,此次华晟集团拟在云南投资", ["华晟集团"]),
        # the place stands for the trade name
        ("中国航运技术装备有限公司计划投资", ["中国航运技术装备有限公司"]),
        # a branch named after its parent; two legal forms in a row
        ("中国航运技术装备有限公司深圳新能源技术开发分公司计划投资", ["中国航运技术装备有限公司深圳新能源技术开发分公司"]),
        ("温州与金石投资控股集团有限公司签约", ["金石投资控股集团有限公司"]),
        # industry words and a legal form alone are no name, and stop the next name's walk
        ("国内最大的钢铁集团宝武集团", ["宝武集团"]),
        # 控股 as a verb
        ("南方水泥股份有限公司是安徽华锦集团控股的上市公司", ["南方水泥股份有限公司", "安徽华锦集团"]),
        # a bracketed place before the legal form
        ("该公司属东芝电器(中国)有限公司", ["东芝电器(中国)有限公司"]),
    ],
)
def test_registered_names_by_their_parts(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("和湖南省岳阳市人民政府签订协议", ["湖南省岳阳市人民政府"]),
        ("公司与广西壮族自治区人民政府和南宁经济技术开发区管委会达成合作", ["广西壮族自治区人民政府", "南宁经济技术开发区管委会"]),
        ("岳阳新区管委会与多家企业签约", ["岳阳新区管委会"]),
    ],
)
def test_government_bodies_named_with_places_and_zones(finder, text, expected):
    assert orgs(finder, text) == expected


def test_trade_names_mark_later_mentions(finder):
    text = ("湖北恒远工业科技股份有限公司投资的恒远汽车零部件生产项目开工。浙江华康制药有限公司原料药项目同日开工。"
            "华康药业项目总投资3亿元。东芝电器(中国)有限公司与苏州德升科技股份有限公司合作,东芝公司与德升科技决定追加投资。")
    assert orgs(finder, text) == [
        "湖北恒远工业科技股份有限公司", "恒远", "浙江华康制药有限公司", "华康药业",
        "东芝电器(中国)有限公司", "苏州德升科技股份有限公司", "东芝公司", "德升科技",
    ]


@pytest.mark.parametrize(
    ("name", "trade"),
    [
        ("湖北恒远工业科技股份有限公司", "恒远"),
        ("东芝电器(中国)有限公司", "东芝"),
        ("广州同和堂集团", "同和堂"),
        ("中国航运技术装备有限公司", None),  # the place is the trade name
        ("上海项目管理有限公司", None),  # an ordinary word
    ],
)
def test_trade_name(finder, name, trade):
    assert finder.trade_name(name) == trade


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("晚间,星云能源、天捷股份(002812.SZ)以及云化学(600096.SH)陆续公布通告", ["天捷股份", "云化学"]),
        ("港股公司恒星控股(01234.HK)宣布", ["恒星控股"]),
    ],
)
def test_a_name_before_its_stock_code_is_a_company(finder, text, expected):
    assert orgs(finder, text) == expected


def test_listed_companies_by_their_short_names(finder):
    # short names from the public list of listed companies (data/listed_companies.json)
    assert orgs(finder, "最新案例是晶澳科技和亿纬锂能,其分别签署投资协议") == ["晶澳科技", "亿纬锂能"]
    # a listed name that would cut a word is not taken: 中国高科 in 中国高科技
    assert orgs(finder, "发展中国高科技产业") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an association's name holds verbs and generic words
        ("由香港华侨海峡两岸企业投资交流协会投资的基地", ["香港华侨海峡两岸企业投资交流协会"]),
        # a list whose head noun after 等 names organisations: each item, ordinary words too
        ("主要为长城、红旗、吉利等多个国内知名汽车品牌配套", ["长城", "红旗", "吉利"]),
        ("涵盖集成电路、生物医药、人工智能等领域", []),
        # a trade name + industry word heading a project in a list
        ("锦程集团纺织项目、活力矿山机械制造项目、中泰煤业二期及配套项目", ["锦程集团", "中泰煤业"]),
        ("如伯德科生物科技项目,总投资达5亿元", ["伯德科生物科技"]),
        ("一批新兴产业项目纷纷亮相", []),
        # outlets: a dateline head, a reporter's outlet after a page mark
        ("新华社杭州3月5日电(浙江日报记者王明)今年以来", ["新华社", "浙江日报"]),
        ("■南方都市报记者 李明新年开始", ["南方都市报"]),
        # a dateline without its date: the agency, then its place, then 电
        ("中新社香港电 某某科技昨日宣布", ["中新社"]),
        ("路透社东京电 丰和汽车宣布", ["路透社"]),
        ("新华社电 今年以来", ["新华社"]),
        ("该合作社发电 今年以来", []),  # no agency: 发 is no place
        ("据报记者了解", []),
        # a source line is boilerplate (SPEC), with or without its label
        ("来源:茂名日报 2021-03-25 00:11", []),
        ("\n长春晚报 2018-04-20 09:28:50原题:新项目", []),
        # no name: a legal form alone, a count of companies, a place's capital, two ordinary words
        ("此次公司投资6000万元", []),
        ("旗下拥有179家附属公司", []),
        ("随着香港资本加速进入", []),
        ("包括科研中心、现代中药生产基地在内", []),
    ],
)
def test_more_organisation_classes(finder, text, expected):
    assert orgs(finder, text) == expected


def test_a_facility_name_starting_with_a_known_trade_name_is_cut_to_it(finder):
    text = "东芝电器(中国)有限公司投资。分别是东芝真空节能新材料研发生产基地、远航物流中心"
    assert orgs(finder, text) == ["东芝电器(中国)有限公司", "东芝"]


def test_a_propagated_name_before_a_field_noun_is_no_company(finder):
    assert orgs(finder, "中国白银集团公司是中国白银行业中唯一一家") == ["中国白银集团公司"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the two characters before the industry words are the trade name's, even a boundary word (为, 同)
        ("远为技术有限公司与多家企业签约", ["远为技术有限公司"]),
        # a place that cuts another place is no anchor: 浙江华X…, not 江华 + X
        ("签约项目包括：浙江华泰钴业股份有限公司年产5万吨项目", ["浙江华泰钴业股份有限公司"]),
        # an area's own name between its city and a zone word
        ("与惠州潼湖高新区管委会签署协议", ["惠州潼湖高新区管委会"]),
        # a verb after a described kind of company is no name
        ("一家科技公司落户", []),
    ],
)
def test_trade_names_places_and_areas_at_the_edges(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the partner a signing names, a country before it its own place
        ("广州开发区与香港星讯通信签署战略合作协议", ["香港星讯通信"]),
        ("开发区管委会与美国恒通集团签约", ["开发区管委会", "恒通集团"]),
        ("与会嘉宾签署倡议书", []),
        ("区政府与相关企业签订协议", ["区政府"]),
        # a name with an organisation suffix of its own keeps it, after a known trade name
        ("华晟集团主席、华晟家族基金名誉主席表示", ["华晟集团", "华晟家族基金"]),
        # a kind of project, not a company: a sector word or a number before 项目
        ("其中三大先导产业项目占总投资额约一半", []),
    ],
)
def test_signing_partners_suffixes_and_kinds_of_project(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("会上，储能龙头宁瑞新能源股份有限公司与某县签订协议", ["宁瑞新能源股份有限公司"], id="descriptor-龙头-left-out"),
        pytest.param("知名外企博朗电气(中国)有限公司也与该区签约", ["博朗电气(中国)有限公司"], id="descriptor-知名外企-left-out"),
        pytest.param("央企中国华建集团西北设计研究院有限公司与某市签约", ["中国华建集团西北设计研究院有限公司"], id="descriptor-央企-left-out"),
        pytest.param("湖南鼎丰公司近日获杭州明晟智能技术有限公司增资", ["湖南鼎丰公司", "杭州明晟智能技术有限公司"], id="获-ends-the-name"),
        pytest.param("涞水县引进深圳嘉能新能源集团有限公司新建电池项目", ["深圳嘉能新能源集团有限公司"], id="place-引进-company"),
    ],
)
def test_left_edge_stops_at_descriptors_and_verbs(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("由江西赣州脐橙产业集团投资建设的项目", ["江西赣州脐橙产业集团"], id="place+trade+产业集团-after-由"),
        pytest.param("日本住化精工株式会社与某市签约", ["住化精工株式会社"], id="foreign-legal-form-株式会社"),
        pytest.param("签约项目包括：中国航材兰州发动机有限公司维修基地项目", ["中国航材兰州发动机有限公司"], id="group+subsidiary-with-place"),
        pytest.param("签约项目包括：中国中车西安轨道车辆有限公司检修基地项目", ["中国中车西安轨道车辆有限公司"], id="listed-group+subsidiary"),
        pytest.param("武汉比亚迪电池项目和杭州海康威视研发中心", ["武汉比亚迪", "杭州海康威视"], id="city-before-a-company-is-part-of-it"),
        pytest.param("本地汽车集团和各类产业集团", [], id="generic-集团-phrases-stay-out"),
        pytest.param("浙江民营企业集团和本地汽车产业集团", [], id="place-before-a-generic-集团-phrase"),
    ],
)
def test_names_held_together(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("临安区太湖源镇党委书记王刚出席", ["临安区太湖源镇党委"], id="town-party-committee-with-places"),
        pytest.param("宁夏回族自治区党委书记出席", ["宁夏回族自治区党委"], id="autonomous-region-party-committee"),
        pytest.param("自治区党委副书记出席", ["自治区党委"], id="autonomous-region-level-alone"),
        pytest.param("县发改局负责人介绍", ["县发改局"], id="county-development-bureau"),
        pytest.param("舟山群岛新区党工委书记出席", ["舟山群岛新区党工委"], id="new-area-party-working-committee"),
        pytest.param("防城港片区管委会与某公司签约", ["防城港片区管委会"], id="zone-area-body-absorbs-its-place"),
        pytest.param("镇党委和政府部门的同志", ["镇党委"], id="bare-town-committee"),
        pytest.param("新区规划面积80平方公里，党工委副书记王明表示", ["党工委"], id="party-working-committee-without-its-zone"),
        pytest.param("开发区党工委、管委会高度重视", ["开发区党工委", "管委会"], id="working-committee-and-admin-committee"),
    ],
)
def test_government_and_party_bodies(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("格力将在赣州投资50亿元建设空调生产基地", ["格力"], id="short-name-将在-place-invests"),
        pytest.param("会上，海尔在青岛建设新工厂", ["海尔"], id="short-name-在-place-builds"),
        pytest.param("张鹰介绍，最近宝钢将在湛江建设新基地", ["宝钢"], id="time-word-before-the-subject"),
        pytest.param("目前，园区已与宁德储能、阳光电源等5家企业达成合作意向", ["宁德储能", "阳光电源"], id="two-item-list-under-a-head"),
        pytest.param("今年将在上海建设新工厂。我们将在上海投资", [], id="time-word-and-pronoun-subjects"),
        pytest.param("上述协议约定，三方将在玉溪市共同设立两家公司", [], id="a-count-of-parties"),
        pytest.param("会上，该区将在苏州设立办事处，双方将在南京建设", [], id="generic-subjects"),
    ],
)
def test_short_names_in_subject_position(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a department named with its place and its field (some place + field + 局/厅/署)
        ("记者从榆林市自然资源局获悉", ["榆林市自然资源局"]),
        ("南沙新区经济发展局表示", ["南沙新区经济发展局"]),
        ("无锡市体育局局长出席", ["无锡市体育局"]),
        ("江苏省商务厅厅长出席", ["江苏省商务厅"]),
        # later named without its place
        ("绍兴市科学技术局发布消息，科学技术局表示", ["绍兴市科学技术局", "科学技术局"]),
        # a place name longer than eight characters before a body
        ("黔东南苗族侗族自治州人民政府发布通知", ["黔东南苗族侗族自治州人民政府"]),
        # a short name declared in brackets, and its later mentions
        ("广州市城市建设投资集团有限公司（以下简称“广州城投”）表示，广州城投将加快建设", ["广州市城市建设投资集团有限公司", "广州城投", "广州城投"]),
        # a legal form in brackets inside a registered name
        ("杭州市交通投资控股（集团）有限公司与余杭区签约", ["杭州市交通投资控股（集团）有限公司"]),
        # a fund named by its place and field
        ("发起设立的苏州新兴医疗产业基金", ["苏州新兴医疗产业基金"]),
        # a Latin-script name with its industry word after its country
        ("日本NEC电子计划投资", ["NEC电子"]),
        # a country before industry words alone is the name's trade name; before a trade name, a place
        # place + trade name + industry word before the project's place in brackets, and named later without the place
        ("总投资8亿元的宁波华岳鞋业（鄞州）智能制造项目等5个项目集中签约。华岳鞋业相关负责人表示。", ["宁波华岳鞋业", "华岳鞋业"]),
        ("台州康恩药业（椒江）原料药项目开工。", ["台州康恩药业"]),
        ("总投资8亿元的新兴产业（鄞州）示范项目签约。", []),  # a generic word, no trade name
        ("总投资8亿元的宁波纺织工业（鄞州）项目签约。", []),  # an ordinary word as trade name
        ("英国石油公司与广东签约", ["英国石油公司"]),
        ("日本丰田汽车公司宣布", ["丰田汽车公司"]),
        # a described kind of company before the name (民营车企 + name)
        ("民营车企远航集团在重庆建设基地", ["远航集团"]),
        # a central body before a title or a word of its own stays
        ("外交部长出席", ["外交部"]),
        ("中国和东盟国家", ["东盟"]),
    ],
)
def test_departments_short_names_funds_and_foreign_names(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "在上海市区布局新兴产业",  # 布局: a word, no department
        "与苏州市签署协议",  # 签署: a word, no department
        "联合国内多所高校发起",  # 国内: no 联合国
        "使用省级财政部门统一印制的票据",  # 部门: no 财政部
        "美国GDP增长",  # Latin letters with no industry word
        "向其苏州工厂增资5亿元",  # a facility receives the money
        "宣布将在滨江新区智造谷投资5亿元",  # a park, no investor
        # modal, time and progress words before the investment verb name no investor
        "该产业园已开工，预计年内完成投资6亿元左右。",
        "力争年底前实现投资3亿元",
        "今年上半年已累计完成投资12亿元",
        "计划明年新增投资2亿元",
    ],
)
def test_no_department_fund_or_investor(finder, text):
    assert orgs(finder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本本田技研工业株式会社和广汽集团的合资公司", ["本田技研工业株式会社", "广汽集团"]),
        ("远航集团与恒信化工共同出资设立新公司", ["远航集团", "恒信化工"]),
        ("远航集团与当地政府共同出资", ["远航集团"]),  # a generic partner
        ("远航集团与其他企业合资", ["远航集团"]),
    ],
)
def test_the_partner_of_a_joint_venture(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parent before 旗下 and an organisation
        ("复星国际旗下复星医药将在武汉投资", ["复星国际", "复星医药"]),
        ("，其旗下企业将落户", []),
        # ... and before 下属; a bare organisation word after 旗下 names no one
        ("甲乙控股集团下属丙丁科技有限公司将在合肥投资", ["甲乙控股集团", "丙丁科技有限公司"]),
        ("集团下属单位已全部复工", []),
        ("同时，远航集团还将通过旗下基金追加投资3亿元。", ["远航集团"]),
        # a word between a foreign company and the title: 相关 / 有关 负责人
        ("美国恒信集团相关负责人表示", ["恒信集团"]),
        ("法国远航公司有关负责人介绍", ["远航公司"]),
        ("韩国某某相关工作已启动", []),
        # a company before its region and an executive's title, with no country before it
        ("据了解，宝洁大中华区总裁许敏表示", ["宝洁"]),
        ("他负责亚太区总裁办公室", []),
        ("该公司大中华区总裁表示", []),
    ],
)
def test_parents_and_companies_before_a_regional_title(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("华联股份董事会昨日审议通过增资方案", ["华联股份"]),
        ("据悉，鸿泰电子股东大会已批准该项目", ["鸿泰电子"]),
        # no name before the organ: a legal form, an anaphor, nothing
        ("公司董事会审议通过了该议案", []),
        ("该公司董事会决定", []),
        ("经董事会批准，项目将开工", []),
    ],
)
def test_a_name_before_a_company_organ_is_a_company(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a trade name that is an ordinary word keeps its place in the short name
        ("山东黄金矿业股份有限公司宣布扩产。山东黄金今年营收增长。", ["山东黄金矿业股份有限公司", "山东黄金"]),
        ("福建未来科技有限公司成立。福建未来表示。", ["福建未来科技有限公司", "福建未来"]),
    ],
)
def test_a_place_and_an_ordinary_trade_name_make_the_short_name(finder, text, expected):
    assert orgs(finder, text) == expected


@pytest.mark.parametrize(
    ("name", "placed"),
    [
        ("青川时代新能源科技有限公司", "青川时代"),  # 青川: a county
        ("山东黄金矿业股份有限公司", "山东黄金"),
        ("江苏恒瑞医药股份有限公司", None),  # a trade name of its own
        ("阳光纺织有限公司", None),  # no place
    ],
)
def test_placed_trade_name(finder, name, placed):
    assert finder.placed_trade_name(name) == placed


@pytest.mark.parametrize(
    "text",
    [
        "日前，翠亨高新区新能源材料产业园项目开工",
        "苏州多宝经开区智能装备产业园项目签约",
        "临川高新区光电产业园项目落地",
    ],
)
def test_zone_names_are_no_organisations(finder, text):
    """A zone's name before a facility is a place; nor is a name cut inside its zone word (某某高 + 新区) an ORG."""
    assert orgs(finder, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "该集团欧洲区总裁克劳斯·韦伯表示，新工厂明年投产",
        "首席执行官彼得·阿特斯介绍了新厂的进展",
    ],
)
def test_listed_short_name_inside_a_transliterated_name_is_no_organisation(finder, text):
    """A listed company's short name (克劳斯, 阿特斯) joined by · to another part is a person's name."""
    assert orgs(finder, text) == []

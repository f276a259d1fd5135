"""Carrier plan cards sold under a bare name (福享卡 19元, 大冰神卡, 小歪卡, 歪卡 …立即免费申请) and
lawful X卡 look-alikes (issue #16, the zh helper's plan-card round; ``plan_card`` in rules.json).

Every text is quoted (trimmed) from the public file named next to it (search index file ids, see
data/real/SOURCES.md); labels follow POLICY.md. None was taken from the real corpus's test part.
The false-positive check runs the rules over 100+ lawful texts holding 卡 (memberships, gift,
stored-value, top-up, memory and graphics cards, gym, greeting, trading and game cards, gacha and UI
jargon that share a plan card's name) and expects none to be called a SIM listing.
"""

from __future__ import annotations

import pytest

from crawler.classifiers import Classifier

# the zh round's helper: classify(clf, platform, title, description)
from tests.crawler.classifiers.test_gathered_zh import classify
from tests.crawler.classifiers.test_real_corpus import all_lists_loaded


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(all_lists_loaded(), use_model=False)


_HAOKA = "index file 44808553558 (号卡 agent HaokaService::getCardDb)"
_TYPES = "index file 32268030779 (China Unicom billing tool, 套餐类型 list)"
_LT = "index file 10288662700 (Unicom-style shop SQL, lt_package)"
_SNAIL = "index file 12864021118 (蜗牛移动 mall SQL, indexshuju)"
_FAMILIES = "index file 20064444079 (号卡 dashboard card families)"
_HYPERF = "bufanyun/hyperf-iot @407a4e2 storage/view/Home/Spread/product_show (歪卡 page)"


# (source, title, description): plan cards named without a SIM noun, fee, data or carrier
PLAN_CARDS = [
    (_HAOKA, "福享卡19元套餐", ""),
    (_HAOKA, "小歪卡", ""),
    (_HAOKA, "梦想e卡", ""),
    (_HAOKA, "哔哩哔哩小电视卡", ""),
    (_LT, "大冰神卡（预存版）", "冰激凌（大冰神） 存99送100"),
    (_LT, "尊享手网厅", "大冰神卡 免费送"),
    (_SNAIL, "蜗牛网红卡", "燃爆40G流量 AAA号码入网免费送"),
    (_SNAIL, "蜗牛无限卡", "畅享无限量 话费我更省"),
    (_TYPES, "饿了么大饿卡", ""),
    (_TYPES, "丝芭乐享卡", ""),
    (_TYPES, "RIO任性卡19元套餐", ""),
    (_TYPES, "微博大V卡", ""),
    (_FAMILIES, "滴滴橙卡", "滴滴大橙卡、小橙卡、MINI橙卡"),
    # an article's list of internet plan cards (index file 11004194102)
    ("index file 11004194102 (WebView 免流 article)", "阿里鱼卡", ""),
    ("index file 11004194102 (WebView 免流 article)", "网易白金卡", ""),
    (_FAMILIES, "运满满满卡", "运满满大满卡、小满卡"),
    # a membership the title gives after the card (index file 13580343508, a sales dashboard)
    ("index file 13580343508 (sales dashboard)", "天王卡99元送视频会员", ""),
    # a name that is gacha slang too: a phone card with the page's application button
    (_HYPERF, "歪卡", "立即免费申请"),
]


@pytest.mark.parametrize(("source", "title", "description"), PLAN_CARDS)
def test_plan_card_named_without_sim_noun(clf: Classifier, source: str, title: str, description: str) -> None:
    verdict = classify(clf, "taobao", title, description)
    assert verdict.sim_listing, (source, title, verdict.reasons)
    assert verdict.takedown and "unauthorised_seller" in verdict.violations, (source, title)


# (source, text): lawful texts holding 卡 — none is a SIM listing. Product titles and the words of
# the trades whose cards share a plan card's name (gacha 歪卡, game 天神卡/战神卡, UI 大橙卡).
LAWFUL = [
    # memberships (月卡/季卡/年卡)
    ("index file 58331305658 (卡密 shop)", "腾讯视频VIP月卡|官方直充，秒到账，全国通用，下单后系统自动发货，30秒内到账。"),
    ("index file 58331305658 (卡密 shop)", "爱奇艺黄金会员季卡|黄金会员权益，免广告追剧，下单后系统自动发货。"),
    ("index file 58331305658 (卡密 shop)", "网易云音乐黑胶VIP年卡|无损音质，专属曲库权益，下单后系统自动发货。"),
    ("index file 11467309650 (prize kinds)", "爱奇艺VIP钻石会员年卡"),
    ("index file 11467309650 (prize kinds)", "爱奇艺会员季卡"),
    ("index file 11467309650 (prize kinds)", "爱奇艺会员月卡"),
    ("index file 11467309650 (prize kinds)", "爱奇艺黄金会员周卡"),
    ("index file 11467309650 (prize kinds)", "迅雷超级会员月卡"),
    ("index file 11467309650 (prize kinds)", "迅雷白金会员月卡"),
    ("index file 38325378210 (JD award items)", "爱奇艺会员半年卡"),
    ("index file 48562180395 (Tencent sports event)", "第 1 名：腾讯体育超级会员年卡1张，见证乒乓热爱"),
    ("index file 48562180395 (Tencent sports event)", "第 2-3 名：腾讯体育超级会员月卡 1 张，畅享丰富体育资源"),
    ("index file 56872401000 (order list)", "续费PRO会员年卡"),
    ("index file 60536863455 (order demo)", "成长会员年卡"),
    ("index file 66019413210 (order demo)", "会员年卡|会员权益 已生效"),
    ("index file 29181130890 (course menu)", "学科-109/209/309年卡"),
    ("index file 67170713190 (shop FAQ seed)", "②购买会员年卡（立得 50 元券包 + 全年专享价）"),
    ("index file 70996863480 (mini-program README)", "专为会员年卡、消费券、到场核销凭据、预订小票等场景打造的高沉浸度弹窗体系"),
    # gift, stored-value, shopping, top-up and game wallet cards
    ("index file 58331305658 (卡密 shop)", "京东E卡 100元|京东商城全场通用，无门槛使用，下单后自动发送卡密。"),
    ("index file 58331305658 (卡密 shop)", "Steam钱包50美元充值卡|Steam钱包充值，全球可用，下单后自动发送卡密。"),
    ("index file 58331305658 (卡密 shop)", "话费充值100元|移动联通电信通用，30秒到账，下单后自动充值。"),
    ("index file 38325378210 (JD award items)", "20元E卡"),
    ("index file 38325378210 (JD award items)", "100元E卡"),
    ("index file 411144113 (credits shop log)", "京东E卡10元卡密"),
    ("index file 9615541673 (task name)", "渤海宣传员小程序签到领京东E卡"),
    ("index file 71334101243 (font test)", "300元京东E卡溯月至臻圣器匣[绑]"),
    ("index file 30616945484 (卡密 bot)", "▫️请选择 京东E卡 面值"),
    ("index file 14325898160 (lottery prize)", "京东E卡 面值500元 卡密 超长有效超长有效超长有效超长有效超长有效"),
    ("index file 9034967686 (cart demo)", "飞象X苏宁联名圣诞卡 面值500元"),
    ("index file 35106380448 (one-yuan shop)", "话费充值卡 面值20【即时开】"),
    ("index file 1960273619 (zhuanzhuan tiles)", "超市/购物卡"),
    ("index file 1266653177 (mall ads)", "薪福亚马逊乐享卡"),
    ("index file 12982874102 (share title)", "全优加周年庆福利，¥1248元优乐享卡|限量1028张，60校同抢 免费送！送！送！"),
    ("index file 24844045025 (fuel app)", "龙途乐享卡月度日均存款达标-50元"),
    ("index file 31132896718 (member page)", "查看我的乐享卡 >"),
    ("index file 54085149237 (POS pay types)", "卡支付:#C14 乐享卡  #C15 聚优 #C11 四威"),
    ("index file 44662740142 (mini-program)", "点击乐享卡"),
    ("index file 45446414008 (API doc)", "获得电子储值卡列表请求"),
    ("index file 35243383 (booking API)", "微信用户订单列表：payType： 储值卡余额支付"),
    ("index file 37194003238 (POS form)", "请向总部申请储值卡定义!"),
    ("index file 51868141033 (exercise)", "需求：储值卡充值 充1000送200 充2000送500"),
    ("index file 7885279183 (member API doc)", "showCardSwitch 是否查询储值卡 1：是；2：否 默认否"),
    ("index file 29170651603 (order table)", "PREPAIDCARD (储值卡余额支付)ENCHASHMENT_GIFT_CARD(礼品卡支付)"),
    ("index file 21492999733 (finance API)", "储值卡项类型"),
    ("index file 14397883483 (member app)", "添加储值卡信息"),
    ("index file 57365125663 (gym README)", "会籍与卡种：月卡/季卡/年卡/次卡/储值卡模板，办卡/续费/挂起/转让/作废"),
    # fuel and transport cards
    ("index file 28482819863 (coupon widget)", "加油卡充值现金券"),
    ("index file 3963564653 (SMS parser)", "【中国石化】加油卡[1000113300007776323]验证失败，只能给主卡并且卡状态正常的加油卡充值，请重新发送充值短信！"),
    ("index file 36977652202 (POS functions)", "功能id 1:公交卡充值 2.cpu卡充值 3.pboc卡充值 4.余额查询 5.加油卡充值 6.手机充值"),
    ("index file 60364609975 (NFC reader README)", "🚄 交通联合卡 (T-Union) — 全国互联互通卡，覆盖 300+ 城市"),
    ("index file 60697458322 (travel tips)", "💡 交通联合卡可跨城市使用（全国300+城市）"),
    ("index file 48259521318 (card-type dialog)", "苏州市民卡"),
    ("index file 48259521318 (card-type dialog)", "苏州文体卡"),
    ("index file 65805662120 (fare model)", "储值/交通联合卡（小幅折扣）"),
    ("index file 65805662120 (fare model)", "折扣卡（如老年/学生，半价）"),
    # campus, student and senior transit cards (校园卡/学生卡/老人卡 name SIM plans too): card types, UI cards
    ("index file 51942201801 (agent list)", "校园卡充值|提供快捷的校园卡余额查询及在线充值引导。"),
    ("index file 37226532266 (bus data notebook)", "普通卡 老人卡 学生卡 残疾卡 员工卡 治安监督卡 军属卡"),
    ("index file 14590099469 (school roster export)", "宿舍编号 学生卡号 在校状态"),
    ("index file 56379421104 (elder-care page)", "高风险老人卡片"),
    ("index file 66220825439 (classroom page)", "学生卡片网格（带平滑展开收起过渡）"),
    ("index file 41609837993 (translated keywords)", "JCB 日本卡片局"),
    ("index file 59657191539 (bus discount rules)", "老人卡优惠"),
    ("index file 3477987969 (card-reader beeps)", "滴~老人卡O(∩_∩)O 下午好"),
    ("index file 14035630976 (bus card types)", "08老人卡"),
    ("index file 71381875754 (student-card upload API)", "今天已上传过学生卡，每人每天仅一次；识别失败也请明天再试（北京时间凌晨重置）。"),
    ("index file 31390323869 (classroom clicker events)", "onQuestionAnswerSet: 'onQuestionAnswerSet', //用学生卡设置正确答案"),
    ("index file 61073187914 (AI news digest)", "对 AI 辅导系统来说，过度提示会让学习者产生依赖，提示过晚又会让学生卡在挫败感里"),
    ("index file 68851170141 (campus app README)", "校园卡：余额（电子账户口径）、本月消费类支出累计、逐笔流水"),
    # game top-ups and game 月卡 (空月祝福 is 原神's 月卡)
    ("index file 53792245091 (月卡 tracker)", "还没有月卡记录|添加空月祝福、列车补给凭证或绳网会员后，这里会按月显示覆盖天数。"),
    ("index file 54276033581 (points mall)", "王者荣耀 60 点券|王者荣耀点券直充，支持购买英雄、皮肤"),
    ("index file 56536356131 (shop demo)", "王者荣耀点券（600）|官方直充"),
    ("index file 12418162487 (shop seed README)", "天猫超市卡"),
    ("index file 69447108295 (FAQ entries)", "《原神》空月祝福值不值得？創世結晶、原石與 Google Play 點數"),
    # a data pack whose rules list the cards that may not order it (…腾讯王卡（…）不可订购。)
    ("index file 22142785695 (Unicom video packs)", "腾讯视频定向流量包 15元/月|使用范围：腾讯视频手机客户端 活动规则： 1.本活动产品资费15元/月,订购、使用以本机实际使用号码为准。 2.本产品支持3G/ 4G用户使用； 3G预付费20元卡、流量随意享、欠费、锁定期、充值期、辽宁自动升档流量包、浙江省3G副卡、腾讯王卡（音乐小王卡、视频小王卡、腾讯大王卡、腾讯天王卡）不可订购。"),
    ("index file 13580343508 (sales dashboard)", "5元2G流量包"),
    # computer-telephony voice boards and TTS "voice cards" (语音卡 is a voice-only SIM plan too), 卡顿 (lag)
    ("index file 32937098375 (Donjin telephony SDK)", "当D081A模拟语音卡上某路通道在录音时，该接口可以提供用户远程或本机监听D081A模拟语音卡上某路通道的录音"),
    ("index file 24309160580 (voice-board model)", "语音卡基础状态信息"),
    ("index file 70641136280 (TTS tool guide)", "新建语音卡，在提示词栏填写需要逐字说出的台词；选择本地 Qwen3-TTS 与模式。"),
    ("index file 14491280000 (modem error enum)", "TLL2_IMS_VOICE_STOP, /*VoLTE语音卡顿*/"),
    # membership mock cards (tanmeimei11/wx-movies src/mock/my.js)
    ("tanmeimei11/wx-movies src/mock/my.js", "戏精卡|啦啦啦这是一张戏精卡"),
    # memory, graphics and network-adapter cards
    ("index file 19484228990 (JD clone slider)", "闪迪（SanDisk）A1 128GB 读速100MB/s 至尊高速移动MicroSDXC UHS-I存储卡 TF卡"),
    ("index file 7822741065 (parts list)", "闪迪（SanDisk）高速 MicroSD TF 卡 Class10-98MB/S 适用于树莓派"),
    ("index file 35608208627 (mall SQL)", "闪迪 SanDisk 高速TF卡|快速传输文件"),
    ("index file 20212393004 (deal list)", "毕亚兹(BIAZE)32GB存储卡 Class10 高速TF卡（Micro SD卡）行车记录仪内存卡 京东JOY纪念版-TF32 *5件 109.5元（合21.9元/件）"),
    ("index file 24109174845 (board manual)", "SanDisk 32GB TF（MicroSD） 行车记录仪&安防监控专用存储卡（长期运行推荐）"),
    ("index file 52289474350 (board demo)", "闪迪C10高速TF卡一张（即micro SD卡，即微型SD卡）"),
    ("index file 39665434130 (seckill test)", "100元秒杀GTX1080Ti高性能游戏显卡"),
    ("index file 60982688058 (sniffer tool)", "未检测到无线网卡，已进入降级运行。请打开“高级设置 - 硬件配置助手”检查网卡。"),
    ("index file 10254793218 (install notes)", "TD120A2安装OpenEuler后,有线网卡无法识别，需要安装USB无线网卡，并安装配套的驱动"),
    # 锦鲤卡 / 星辰卡 / 白金卡: plan-card-shaped names of member, bank and AI-companion cards (so not in the lexicon)
    ("index file 67558544819 (studio card items)", "锦鲤卡 Flow|¥8,800 / 80 点 / 18 个月"),
    ("index file 38385266939 (bank SMS)", "上海银行许愿系列锦鲤卡（借记卡），做工精美，祝您的生活锦鲤上升、梦想成真！"),
    ("index file 43640809089 (credit-card list)", "中信颜卡锦鲤卡|刷卡免年费，3折购漫威耳机"),
    ("index file 7910323776 (credit-card offers)", "漂亮星辰卡-农业银行"),
    ("index file 68879766762 (market notes)", "12 元月卡 + 35 元星辰卡 + 6-98 元钻石 + 2 元抽卡 + 120 元年卡"),
    ("index file 69702569623 (companion app)", "180 天 (星辰卡)"),
    # gym, trial, credit and greeting cards
    ("index file 54205246889 (gym packages)", "月度健身卡"),
    ("index file 1960273619 (zhuanzhuan tiles)", "健身卡"),
    ("index file 57479942069 (LINE bot)", "歡迎加入健身卡卡教練｜開始 30 天減脂挑戰"),
    ("index file 56008447289 (assistant test)", "健身卡花了2000，帮我创建一个每天健身的习惯"),
    ("index file 71473301954 (pitch page)", "想起之前买的吉他、Kindle、健身卡都闲置了"),
    ("index file 53775914640 (gym dashboard)", "次卡"),
    ("index file 11869888822 (site menu)", "体验卡免费申请"),
    ("index file 37827108678 (member centre)", "信用卡免费申请|超高额度在线申请"),
    ("index file 37441338 (WeChat news)", "有一种记忆,叫过年|快来定制专属于你的贺卡拜年吧!"),
    ("index file 54914495838 (idol live notes)", "年前最后一场封箱演出，每张特典卷获成员手写新年祝福贺卡。"),
    ("index file 58837886808 (Shopify app table)", "礼品包装与留言。 包装费、贺卡、装箱单隐藏价格。"),
    # trading and game cards (球星卡, 游戏王卡, 女神卡, 战神卡, 天神卡)
    ("index file 23128570527 (game protocol)", "20008    仓库收集球星卡"),
    ("index file 60245265372 (admin page)", "球星卡列表"),
    ("index file 11124776922 (poster page)", "球星卡生成逻辑 (Canvas)"),
    ("index file 33125944407 (API schema)", "球星卡肖像URL（前端直传）"),
    ("index file 59369333307 (dashboard)", "球星卡及二级市场价格波动剧烈，历史表现不代表未来，请根据个人风险承受能力独立决策。"),
    ("index file 52501006276 (price report)", "日本游戏王卡价日报"),
    ("index file 39783798017 (quiz)", "看游戏王卡图猜属性"),
    ("index file 71607289111 (bot module)", "游戏王卡组码的解析与 .ydk 生成。"),
    ("index file 6548252636 (member app)", "女神卡详情"),
    ("index file 5687069096 (member app)", "女神卡订单"),
    ("index file 6908903199 (game helper)", "女神卡未点击"),
    ("index file 60797125637 (card game items)", "战神卡|其他卡牌阶段使用，原始积分翻倍，额外积分由最终对方阵营承担。"),
    ("index file 26243966721 (game table)", "是否有“黄金战神卡”"),
    ("index file 53720534804 (card UI)", "本命主战神卡 (COMMANDER)"),
    ("index file 888608056 (game item)", "天神卡ID"),
    ("index file 48286329787 (app)", "刷新天神卡"),
    ("index file 307936662 (game UI)", "天神卡专用"),
    ("index file 572362796 (game UI)", "天神卡显示流光"),
    # gacha slang 歪卡, influencer 网红卡, UI 大橙卡, classroom 懂我卡
    ("index file 52043655521 (gacha checklist)", "歪卡后进入大保底"),
    ("index file 53194842370 (gacha stats)", "💔 歪卡常客"),
    ("index file 56911756240 (gacha stats)", "角色限定池歪卡次数"),
    ("index file 24895483074 (gacha stats)", "歪卡次数："),
    ("index file 69456091512 (gacha archive)", "歪卡占比"),
    ("index file 68969851615 (gacha server)", "精准 70 歪卡集合严格排除 33 位常驻自选修正者与当期 UP 角色！"),
    ("index file 56132101039 (Taobao scraper)", "网红卡皮巴拉毛绒玩具 极度解压"),
    ("index file 4535563905 (shop demo)", "网红卡通海绵宝宝皮质iphone12手机壳创意苹果11promax"),
    ("index file 53172596254 (points app)", "网红名片推广|生成专属网红卡，通过微信好友/社群传播"),
    ("index file 54717991469 (admin page)", "审核网红卡片各项流程"),
    ("index file 54528221516 (handover doc)", "网红管理系统：网红卡片管理、报价协商、脚本/视频/发布四项审核流"),
    ("index file 30595120252 (GPU notes)", "优点：解决了“网红卡死”问题。"),
    ("index file 70346610710 (design notes)", "逃生大橙卡→删（甲案）"),
    ("index file 67200547835 (design notes)", "活跃项采用橙字与细边标记，避免五张大橙卡。"),
    ("index file 70218637789 (classroom game)", "公告栏有懂我卡，找一个具体的连接理由。"),
    ("index file 70316388572 (classroom game)", "去公告栏看懂我卡，走进小屋，再邀请一位伙伴。"),
    # gacha draw pools (卡池 is also a SIM pool, 猫池/卡池)
    ("index file 52043655521 (gacha checklist)", "卡池切换保底继承"),
    ("index file 68969851615 (gacha server)", "的 6 个静态历史卡池，由当前激活的卡池列表动态生成；"),
    ("index file 68969851615 (gacha server)", "卡池详情与角色展示列表协议（cs_16018 → sc_16019）"),
    ("index file 70565878362 (gacha help)", "统计范围：仅「限定」「限时」两类可歪卡池。"),
    ("index file 57688266697 (gacha README)", "抽卡统计：提供卡池统计、当前保底、高稀有记录、UP / 歪卡分析等视图。"),
    # 卡 begins a transliterated word (卡通 cartoon, 卡西欧 Casio) after a card name (王卡, 日本卡)
    ("index file 2260823529 (Taobao coupon feed)", "海贼王卡通动漫印花夹克外套棒球领修身夹克衫甲克春装茄克 男子"),
    ("index file 47412717651 (Taobao item SQL)", "出口日本卡通动画人物立体调味碟酱油碟醋碟卡通碟子调料碟"),
    ("index file 47412717651 (Taobao item SQL)", "猫咪公仔卡通 毛毯挂毯沙发毯线毯休闲毯装饰"),
    ("index file 55642329499 (Taiwanese agent shop)", "日本卡通周邊 · 藥妝代購"),
    ("index file 55613804981 (card game test)", "大小王卡通小丑 PNG(kawaii 风格)与传统奶油白 + 金边牌面风格冲突"),
    ("index file 51997532104 (robot comparison)", "日本卡西欧Moflin"),
    ("index file 52255132535 (review)", "独居后买了日本卡西欧的Moflin，它的触感非常柔软，像真的小动物一样。"),
    ("index file 4842646986 (blog)", "CASIO F-91W 是由日本卡西欧电子公司生产的一款非常经典的石英数字式手表"),
    # 卡车 (truck), 卡特 (Caterpillar), 卡菲尔 (kaffir) after a card name (王卡, 美国卡, 泰国卡)
    ("index file 24308122707 (IDC page)", "两路市电，UpS艾默生力博特Hipluse系统，美国卡特2000KVA柴油发电机组"),
    ("index file 71579177350 (Yu-Gi-Oh card)", "兽机界霸者 战王卡车狮虎王"),
    ("index file 55178743983 (brain game)", "极速飞车：变道躲车冲终点；每 10 关是魔王卡车 BOSS 关"),
    ("index file 5598929258 (menu SQL)", "新西兰帝王鲑用盐和糖腌制24小时，冲洗干净、粘干水分后切片，再以泰国卡菲尔柠檬、青柠、黄柠檬这3种柠檬皮茸调拌均匀。"),
    # a country's 卡 that begins a name (卡耐基, 卡弗里), a pallet (卡板) or a bank card (发卡行)
    ("index file 34267860136 (CSDN repost)", "吸引了中科院、美国卡耐基梅隆大学和马里兰大学等知名机构参与测评"),
    ("index file 57354232501 (book notes)", "汤姆·米切尔，Tom M. Mitchell，美国卡内基梅隆大学计算机学院院长"),
    ("index file 160181102 (research news)", "香港科技大学、美国卡弗里理论物理研究所、普林斯顿大学、麻省理工学院"),
    ("index file 17603256784 (warehouse code)", "this.SetPallet(\"HK\", \"01\");//香港卡板初始化默认值"),
    ("index file 70994895711 (ATM fee app)", "查一查你的香港卡在各地 ATM 取现要不要钱：按发卡行、按 ATM 类型，或直接看完整资费矩阵。"),
    ("index file 33011196842 (game list)", "American Truck Simulator | 美国卡车模拟"),
    # payment-interface applications (立即免费申请 without a card name)
    ("index file 17520880974 (shop admin)", "还没开通支付宝？ 立即免费申请开通支付宝接口"),
    ("index file 69317499769 (SaaS page)", "立即免费申请体验"),
    # phones whose titles hold 卡 (双卡双待, 卡槽)
    ("index file 10288662700 (lt_products)", "【免息分期购机】华为畅享8 4GB+64GB 全面屏三卡槽 全网通手机"),
    ("index file 10288662700 (lt_products)", "【免息分期购机】Xiaomi/小米 红米6A 2GB+16GB 全网通双卡双待拍照手机"),
    ("index file 19484228990 (JD clone slider)", "努比亚nubia Z17 无边框 曜石黑 8GB+64GB 全网通 移动联通电信4G手机 双卡双待"),
    ("index file 45566939636 (JD order JSON)", "闪迪（SanDisk） 酷晶（CZ71） 8G金属迷你创意U盘 银灰色"),
]


def test_lawful_texts_are_many_and_hold_a_card_word() -> None:
    assert len(LAWFUL) >= 100
    assert sum("卡" in text for _, text in LAWFUL) >= 100


@pytest.mark.parametrize(("source", "text"), LAWFUL)
def test_lawful_card_text_is_no_sim_listing(clf: Classifier, source: str, text: str) -> None:
    title, _, description = text.partition("|")
    verdict = classify(clf, "taobao", title, description)
    assert not verdict.sim_listing and not verdict.takedown, (source, text, verdict.reasons)


# a plan card's 卡 followed by 通用/通话 is still the card (王卡通用套餐, index file 19274949173)
def test_card_word_before_tongyong_is_kept(clf: Classifier) -> None:
    assert classify(clf, "taobao", "以王卡通用套餐为基础，针对游戏用户，推出叠加游戏特权包的非标准化定制卡").sim_listing


# word edges: a name whose 卡 begins another word (cartoon, capybara, karaoke) is not that name
@pytest.mark.parametrize("text", ["小电视卡通公仔", "步步高卡拉OK", "网红卡皮巴拉"])
def test_plan_card_name_inside_another_word(clf: Classifier, text: str) -> None:
    assert not classify(clf, "taobao", text).sim_listing


def test_campus_card_with_a_plan_is_a_phone_card(clf: Classifier) -> None:
    """校园卡/学生卡/老人卡 are POLICY §1's SIM plans when a carrier, a plan or a phone cue is there
    (real corpus row r0421, index file 59665248628)."""
    assert classify(clf, "taobao", "电信校园卡39元/月", "39元/月，含135G通用流量+30G定向流量+100分钟通话").takedown


def test_plan_card_name_under_a_head_is_the_head(clf: Classifier) -> None:
    """A membership or stored-value head still wins over a plan-card name (乐享卡 is both)."""
    assert not classify(clf, "taobao", "乐享卡会员储值 充值送礼").sim_listing
    assert classify(clf, "taobao", "福享卡19元套餐").sim_listing

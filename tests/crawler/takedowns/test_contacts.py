from __future__ import annotations

import pytest

from crawler.takedowns.contacts import (
    Identifier,
    extract_contacts,
    extract_identifiers,
    is_vanity_pattern,
    valid_credit_code,
    vanity_numbers,
)


def keys(text: str) -> list[str]:
    return [i.key for i in extract_contacts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("免实名流量卡 电话 13812345678", ["phone:13812345678"]),
        ("联系 138 1234 5678 发货", ["phone:13812345678"]),
        ("咨询 138-1234-5678", ["phone:13812345678"]),
        ("tel +86 139-0000-1234", ["phone:13900001234"]),
        ("全角 电话１３８１２３４５６７８", ["phone:13812345678"]),
        ("加V：kaxx2024 拍前咨询", ["wechat:kaxx2024"]),
        ("vx Simboss_88 秒回", ["wechat:simboss_88"]),
        ("薇 abc-2024x", ["wechat:abc-2024x"]),
        ("微信号:wxid_abc123", ["wechat:wxid_abc123"]),
        ("V 13712345678 同号", ["wechat:13712345678", "phone:13712345678"]),
        ("QQ:123456789", ["qq:123456789"]),
        ("扣扣 87654321 私聊", ["qq:87654321"]),
        ("Q 5556667", ["qq:5556667"]),
        ("飞机 @cardking99 大量出", ["telegram:cardking99"]),
        ("TG：simboss 一手卡源", ["telegram:simboss"]),
        ("https://t.me/simshop88", ["telegram:simshop88"]),
        ("找我 @dealer_x1", ["telegram:dealer_x1"]),
    ],
)
def test_contacts_found(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "5G VIP套餐 流量卡",  # a v glued to a word is not a WeChat cue
        "客服邮箱 service@example.com",  # an e-mail is not a Telegram handle
        "订单号 2024031512345678901",  # long digit runs are not phone numbers
        "Q1季度 新品",  # too few digits for QQ
        "价格 12345678901",  # 12x... is not a mobile range
    ],
)
def test_no_false_contacts(text: str) -> None:
    assert keys(text) == []


def test_vanity_numbers_are_goods_not_contacts() -> None:
    title = "移动靓号 13988888888 13912341234 13956785678 吉祥号出售 微信 vanity_shop"
    assert vanity_numbers(title) == ["13988888888", "13912341234", "13956785678"]
    assert keys(title) == ["wechat:vanity_shop"]
    # a cued contact number in a vanity listing stays a contact
    text = "联通靓号 18666668888 出售，联系电话 13612345678"
    assert vanity_numbers(text) == ["18666668888"]
    assert keys(text) == ["phone:13612345678"]
    # the same patterned number outside a vanity listing is a contact
    assert keys("流量卡批发 电话 13988888888") == ["phone:13988888888"]
    # one number named as the goods by a nearby vanity word, without a pattern
    assert vanity_numbers("手机号码 13800138000 转让") == ["13800138000"]


@pytest.mark.parametrize(
    ("number", "vanity"),
    [
        ("13988888888", True),
        ("13912340088", True),  # AABB
        ("13912345656", True),  # ABAB
        ("13912341234", True),  # ABCD run
        ("13900001314", True),
        ("13972945031", False),
    ],
)
def test_vanity_patterns(number: str, vanity: bool) -> None:
    assert is_vanity_pattern(number) is vanity


def test_credit_code_checksum_and_company() -> None:
    assert valid_credit_code("91110000600037341L")
    assert not valid_credit_code("91110000600037341M")
    text = (
        "营业执照 公司名称：深圳市卡王通信科技有限公司 "
        "统一社会信用代码：91110000600037341L 另一个 91110000600037341M"
    )
    found = extract_identifiers(text)
    assert Identifier("credit_code", "91110000600037341L") in found
    assert Identifier("credit_code", "91110000600037341M") not in found
    assert [i.value for i in found if i.kind == "company"] == ["深圳市卡王通信科技"]
    bare = extract_identifiers("本店由广州飞鱼电子商行经营")
    assert [i.value for i in bare if i.kind == "company"] == ["广州飞鱼电子"]


# Issue #16: "…WeChat Alipay Verification Code Service" was read as the handle wechat:alipay and
# linked three unrelated shops. App/payment/brand names and common words are never handles.
@pytest.mark.parametrize(
    "text",
    [
        "Virtual Number WeChat Alipay Verification Code Service",  # the real example
        "微信 支付宝 验证码服务",
        "WeChat Verification Service available",
        "Telegram support group",
        "腾讯vip-月卡-QQ号",  # real corpus r0135: the account type to recharge, not a QQ contact
        "wechat official account",
    ],
)
def test_app_and_brand_names_are_not_handles(text: str) -> None:
    assert keys(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real corpus r0001 (a 接码 spam ad): a Telegram @handle is a real contact
        ("【——Telegram搜索@rgjma——】专业人工接码服务商", ["telegram:rgjma"]),
        ("WeChat: alipay2024 verification", ["wechat:alipay2024"]),
        ("微信号 zhangsan 秒回", ["wechat:zhangsan"]),  # 号 makes it an explicit handle
        ("wechat zhangsan_88", ["wechat:zhangsan_88"]),
    ],
)
def test_id_shaped_handles_are_contacts(text: str, expected: list[str]) -> None:
    assert keys(text) == expected

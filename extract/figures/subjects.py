"""What a count counts: the noun right after the number.

`điểm` alone is not an outlet: "70 điểm" are points on the scoring sheet; an
outlet is a "điểm giới thiệu / bán / trưng bày" or a "cửa hàng". A bare "N
điểm" is read as POINT and kept only as a part of an outlet count (extractor).
"""

from __future__ import annotations

PRODUCT = "product"
PRODUCER = "producer"
OUTLET = "outlet"
POINT = "point"  # a bare "điểm": an outlet only inside an outlet breakdown

# Lower-case: matched on the lower-cased text.
PRODUCT_NOUN = r"sản\s+phẩm|sp\b"
PRODUCER_NOUN = (
    r"chủ\s+thể|hợp\s+tác\s+xã|htx|doanh\s+nghiệp|cơ\s+sở|tổ\s+hợp\s+tác"
    r"|hộ\s+(?:sản\s+xuất|kinh\s+doanh)"
)
OUTLET_NOUN = r"(?:điểm|cửa\s+hàng)\s+(?:giới\s+thiệu|bán|trưng\s+bày)|cửa\s+hàng|siêu\s+thị\s+ocop"

# One alternation with a named group per subject, for numbers.COUNT.
SUBJECT_NOUN = (
    rf"(?P<product>{PRODUCT_NOUN})|(?P<producer>{PRODUCER_NOUN})|(?P<outlet>{OUTLET_NOUN})"
    r"|(?P<point>điểm)(?!\w)"
)
SUBJECT_GROUPS = (PRODUCT, PRODUCER, OUTLET, POINT)
# The same nouns without groups, for look-aheads.
ANY_SUBJECT_NOUN = rf"{PRODUCT_NOUN}|{PRODUCER_NOUN}|{OUTLET_NOUN}|điểm(?!\w)"

"""How long an SMS is on the air: its encoding and how many parts it is split into.

Plain Python. A text wholly in the GSM 03.38 alphabet goes as GSM-7 (160 characters, or 153 per
part when concatenated; the extension characters take two); anything else — Hindi, Bengali, any
Indian script — goes as Unicode (UCS-2: 70 characters, 67 per part, counted in UTF-16 units).
"""

from dataclasses import dataclass

GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = set("^{}\\[~]|€\f")
GSM7, UCS2 = "gsm7", "ucs2"
LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


@dataclass(frozen=True)
class SmsLength:
    encoding: str
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    parts: int

    @property
    def is_unicode(self) -> bool:
        return self.encoding == UCS2


def measure(text: str) -> SmsLength:
    if all(char in GSM_BASIC or char in GSM_EXTENSION for char in text):
        encoding = GSM7
        units = sum(2 if char in GSM_EXTENSION else 1 for char in text)
    else:
        encoding = UCS2
        units = len(text.encode("utf-16-le")) // 2
    single, per_part = LIMITS[encoding]
    parts = 1 if units <= single else -(-units // per_part)
    return SmsLength(encoding, units, parts)

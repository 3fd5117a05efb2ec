"""A deterministic corpus of Vietnamese party-building articles for the benchmarks.

`generate(folder, n, seed)` writes `n` Markdown articles (plus the two static pages
and the sample photos) in the layout the portal expects: `articles/<section>/…md`,
`pages/…md`, `images/…svg`. The same `n` and `seed` always give the same bytes.

With `photo_pool`, a share of the articles with a lead photo get a camera JPEG instead
of a drawing (bench/photos.py: phone-sized, with EXIF and GPS), drawn from a pool of
distinct photos made once into that folder and hard-linked into the corpus.

The text is assembled from a fixed vocabulary of real words and phrases of the
domain (taken from the sample articles in content/articles and shared/domain/facts.md):
subjects, verb phrases, objects and adverbials put together into sentences of 8-30
syllables, so the syllable mix, word lengths and diacritics look like the real thing.
Every metadata field the editors' contract knows appears: Modified, several Tags,
Author or Authors, Editor (with commas), Source, Image and Image_Caption (lead photo),
Summary, Featured, Status (a few hidden and draft ones), Slug, and the Stats_* fields on
a few percent of the articles, each with its own (unit, period) pair.
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"

# (name, folder) — the five sample sections plus three a provincial portal also has.
SECTIONS = [
    ("Phát triển đảng viên", "phat-trien-dang-vien"),
    ("Xây dựng Đảng", "xay-dung-dang"),
    ("Tin hoạt động", "tin-hoat-dong"),
    ("Gương điển hình", "guong-dien-hinh"),
    ("Học tập và làm theo Bác", "hoc-tap-va-lam-theo-bac"),
    ("Kiểm tra, giám sát", "kiem-tra-giam-sat"),
    ("Công tác dân vận", "cong-tac-dan-van"),
    ("Văn bản chỉ đạo", "van-ban-chi-dao"),
]
SECTION_WEIGHTS = [30, 18, 22, 8, 7, 6, 5, 4]

PLACES = [
    "Chí Linh", "Kinh Môn", "Nam Sách", "Thanh Hà", "Kim Thành", "Gia Lộc", "Tứ Kỳ",
    "Ninh Giang", "Thanh Miện", "Bình Giang", "Cẩm Giàng", "Hải Dương", "Phú Bình",
    "Đại Từ", "Đồng Hỷ", "Võ Nhai", "Định Hóa", "Phổ Yên", "Sông Công", "Lạng Giang",
]
UNITS_OTHER = [f"Đảng bộ huyện {place}" for place in PLACES[:12]] + [
    "Đảng bộ Trường Đại học Chính trị",
    "Đảng bộ Phòng Cảnh sát giao thông",
    "Đảng bộ Phòng Cảnh sát cơ động",
    "Đảng bộ Công an thành phố Hải Dương",
    "Chi bộ Phòng Chính trị",
    "Đảng bộ Học viện Cảnh sát nhân dân",
]

BASE_TAGS = [
    "phát triển đảng viên", "kết nạp đảng viên", "đảng viên chính thức", "đảng viên trẻ",
    "bồi dưỡng nhận thức", "bồi dưỡng lý luận chính trị", "sinh hoạt chi bộ", "tạo nguồn",
    "xây dựng Đảng", "đại hội đảng bộ", "lễ kết nạp", "gương điển hình", "Công an xã",
    "Công an nhân dân", "Công an tỉnh Hải Dương", "Đoàn Thanh niên", "nhà trường Công an",
    "học tập và làm theo Bác", "Covid-19", "kiểm tra, giám sát", "dân vận khéo",
    "cải cách hành chính", "chuyển đổi số", "nghị quyết Trung ương 4", "quy định 37-QĐ/TW",
    "hướng dẫn 40-HD/ĐUCATW", "cảm tình Đảng", "quần chúng ưu tú", "đảng viên dự bị",
    "chi bộ cơ sở", "cấp ủy", "đánh giá xếp loại", "an ninh trật tự", "phong trào thi đua",
    "phòng chống tham nhũng", "tự phê bình và phê bình", "văn hóa công sở", "nêu gương",
    "công tác cán bộ", "bảo vệ nền tảng tư tưởng", "học tập nghị quyết", "sinh hoạt chuyên đề",
    "cải cách tư pháp", "chính sách hậu phương", "an sinh xã hội", "giảm nghèo",
    "nông thôn mới", "đền ơn đáp nghĩa", "phụ nữ Công an", "tuổi trẻ Công an",
]
TAGS = BASE_TAGS + [f"Đảng bộ huyện {place}" for place in PLACES] + [
    f"nhiệm kỳ {year}-{year + 5}" for year in (2010, 2015, 2020, 2025)
] + [f"năm {year}" for year in range(2016, 2027)]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Phan", "Đinh"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Quang", "Hữu", "Thanh", "Xuân"]
GIVEN = ["Hùng", "Mai", "Lan", "Hà", "Tùng", "Thắng", "Huy", "Hương", "Châu", "Loan", "Anh",
         "Dũng", "Phương", "Trang", "Nam", "Sơn", "Hải", "Yến", "Khánh", "Linh"]
ORG_AUTHORS = ["Phòng Chính trị", "Ban Tuyên giáo Đảng ủy", "Văn phòng Đảng ủy",
               "Phòng Tổ chức cán bộ", "TRẦN MINH (Phòng PX01)", "Ủy ban Kiểm tra Đảng ủy"]
EDITORS = ["Loan Trần, phòng HCTH", "Hoàng Anh, Phòng Chính trị", "Minh Châu", "Thu Hương",
           "Ngọc Lan, Ban Tuyên giáo", "Quang Huy", "Thanh Hà, phòng HCTH", "Đức Thắng",
           "Xuân Mai", "Hữu Nam, Văn phòng Đảng ủy"]
SOURCES = ["Cổng Thông tin điện tử Bộ Công an", "Cổng Thông tin điện tử Công an tỉnh Hải Dương",
           "Tạp chí Xây dựng Đảng", "Báo Hải Dương", "Báo Công an nhân dân", "Báo Thái Nguyên",
           "Báo Nhân Dân", "Tạp chí Cộng sản"]

SUBJECTS = [
    "Đảng ủy Công an tỉnh", "chi bộ", "các chi bộ trực thuộc", "Ban Thường vụ Đảng ủy",
    "đồng chí Bí thư Đảng ủy", "cấp ủy cơ sở", "tổ chức đoàn", "các đơn vị", "đảng viên trẻ",
    "quần chúng ưu tú", "học viên", "cán bộ, chiến sĩ", "Ủy ban Kiểm tra Đảng ủy",
    "Phòng Chính trị", "Đảng bộ Công an huyện", "Công an xã", "đồng chí Phó Bí thư",
    "đoàn viên thanh niên", "đảng viên dự bị", "Ban Tuyên giáo", "nhà trường", "lãnh đạo đơn vị",
    "các đảng viên", "hội nghị", "chi ủy", "đội ngũ cán bộ làm công tác đảng",
]
VERBS = [
    "tổ chức", "triển khai", "kết nạp", "bồi dưỡng", "giới thiệu", "xem xét", "công nhận",
    "đánh giá", "chỉ đạo", "thực hiện", "tiếp tục quan tâm", "phân công", "theo dõi",
    "giúp đỡ", "thẩm tra", "xác minh", "hướng dẫn", "kiểm tra", "quán triệt", "học tập",
    "nâng cao", "đổi mới", "tập trung", "rà soát", "biểu dương", "khen thưởng", "tham gia",
    "phối hợp", "chuẩn bị", "báo cáo", "sơ kết", "tổng kết", "đề nghị", "bảo đảm",
    "phát hiện", "tạo nguồn", "phấn đấu", "rèn luyện", "góp ý", "làm theo",
]
OBJECTS = [
    "công tác phát triển đảng viên", "lớp bồi dưỡng nhận thức về Đảng", "hồ sơ đề nghị kết nạp",
    "quần chúng ưu tú", "đảng viên mới", "nghị quyết của cấp ủy", "chất lượng sinh hoạt chi bộ",
    "nội dung sinh hoạt chuyên đề", "kế hoạch năm", "chỉ tiêu kết nạp",
    "lý lịch của người vào Đảng",
    "quy trình công nhận đảng viên chính thức", "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "nhiệm vụ chính trị của đơn vị", "phong trào thi đua vì an ninh Tổ quốc", "ý kiến của nhân dân",
    "nguồn phát triển đảng viên", "đội ngũ cán bộ trẻ", "tinh thần trách nhiệm",
    "kỷ luật, kỷ cương", "tiêu chuẩn đảng viên", "lý luận chính trị", "văn bản hướng dẫn",
    "an ninh trật tự ở cơ sở", "danh sách quần chúng", "bản tự kiểm điểm", "giấy chứng nhận",
    "đại hội chi bộ nhiệm kỳ mới", "công tác kiểm tra, giám sát", "việc làm theo Bác",
]
ADVERBIALS = [
    "trong năm", "ngay từ đầu năm", "theo đúng quy định", "một cách chặt chẽ", "thường xuyên",
    "kịp thời", "trong thời gian tới", "tại hội trường Công an tỉnh", "ở cơ sở", "đúng thời hạn",
    "trong nhiệm kỳ", "sau một năm dự bị", "với nhiều hình thức phong phú", "trên địa bàn tỉnh",
    "trong toàn lực lượng", "theo hướng dẫn của cấp trên", "với tinh thần cầu thị",
    "một cách nghiêm túc", "gắn với nhiệm vụ chuyên môn", "trong những tháng cuối năm",
]
CONNECTIVES = ["Đồng thời,", "Bên cạnh đó,", "Tuy vậy,", "Vì vậy,", "Theo đó,", "Qua đó,",
               "Nhờ vậy,", "Trước đó,", "Sau hội nghị,", "Năm nay,", "Thực tế cho thấy,"]
# General news vocabulary: the long tail a real portal's text has beyond the party terms.
GENERAL = """
kinh tế xã hội, văn hóa, giáo dục, y tế, nông nghiệp, công nghiệp, thương mại, du lịch,
giao thông, môi trường, tài nguyên, khoa học, công nghệ, chuyển đổi số, thể thao, báo chí,
truyền thông, pháp luật, tư pháp, hành chính, ngân sách, đầu tư, doanh nghiệp, hợp tác xã,
lao động, việc làm, thu nhập, đời sống, nhà ở, đất đai, xây dựng, quy hoạch, hạ tầng,
điện lực, thủy lợi, đê điều, phòng chống thiên tai, bão lũ, hạn hán, dịch bệnh, tiêm chủng,
bệnh viện, trạm y tế, trường học, học sinh, sinh viên, giáo viên, thầy cô, phụ huynh,
thanh thiếu niên, người cao tuổi, cựu chiến binh, thương binh, liệt sĩ, gia đình chính sách,
hộ nghèo, cận nghèo, an sinh, bảo hiểm, trợ cấp, quà tặng, học bổng, khuyến học,
khuyến tài, hiến máu, tình nguyện, từ thiện, nhân đạo, chữ thập đỏ, mặt trận, công đoàn,
hội nông dân, hội phụ nữ, hội cựu chiến binh, đoàn thanh niên, thiếu nhi, nhi đồng,
tuần tra, kiểm soát, vi phạm, xử lý, tội phạm, ma túy, trộm cắp, lừa đảo, cờ bạc, buôn lậu,
hàng giả, cháy nổ, cứu nạn, cứu hộ, phòng cháy, chữa cháy, tai nạn, giao thông đường bộ,
đường thủy, nồng độ cồn, tốc độ, mũ bảo hiểm, căn cước, định danh, cư trú, hộ khẩu,
tạm trú, xuất nhập cảnh, thủ tục, hồ sơ, dịch vụ công, trực tuyến, một cửa, tiếp dân,
khiếu nại, tố cáo, kiến nghị, phản ánh, hòa giải, mâu thuẫn, tranh chấp, an toàn,
bình yên, xóm làng, thôn xóm, khu dân cư, tổ dân phố, tổ tự quản, camera, ánh sáng,
đường làng, ngõ xóm, cánh đồng, vụ mùa, vụ chiêm, lúa gạo, vải thiều, cà rốt, hành tỏi,
gốm sứ, làng nghề, sản phẩm, thương hiệu, xuất khẩu, thị trường, giá cả, tiêu dùng,
tiết kiệm, chống lãng phí, minh bạch, công khai, liêm chính, kỷ cương, kỷ luật, đạo đức,
lối sống, tác phong, trách nhiệm, nêu gương, đoàn kết, dân chủ, thống nhất, tập trung,
sáng tạo, đổi mới, hiệu quả, thiết thực, cụ thể, sâu rộng, lan tỏa, chuyển biến,
tích cực, rõ nét, bền vững, lâu dài, trước mắt, cấp bách, trọng tâm, trọng điểm,
đột phá, khâu yếu, hạn chế, tồn tại, nguyên nhân, giải pháp, kiến nghị, đề xuất,
phương hướng, mục tiêu, chỉ tiêu, nhiệm vụ, kế hoạch, chương trình, đề án, dự án,
chiến lược, tầm nhìn, định hướng, lộ trình, tiến độ, kết quả, thành tích, khen thưởng,
bằng khen, giấy khen, huân chương, danh hiệu, chiến sĩ thi đua, lao động tiên tiến,
đơn vị quyết thắng, tập thể, cá nhân, điển hình, mô hình, cách làm hay, sáng kiến,
kinh nghiệm, bài học, thực tiễn, lý luận, nghiên cứu, hội thảo, tọa đàm, diễn đàn,
hội thi, cuộc thi, giải thưởng, sân khấu, văn nghệ, thể dục, bóng đá, cầu lông, kéo co,
mít tinh, diễu hành, lễ hội, truyền thống, lịch sử, di tích, bảo tàng, tưởng niệm,
tri ân, đền ơn, đáp nghĩa, uống nước, nhớ nguồn, quê hương, đất nước, Tổ quốc, nhân dân,
chủ quyền, biên giới, biển đảo, hòa bình, hữu nghị, hội nhập, quốc tế, đối ngoại,
hợp tác, giao lưu, kết nghĩa, chia sẻ, đồng hành, hỗ trợ, giúp đỡ, động viên, thăm hỏi,
tặng quà, trao tặng, tiếp nhận, bàn giao, khánh thành, khởi công, nghiệm thu, vận hành,
sửa chữa, nâng cấp, cải tạo, mở rộng, đầu tư, kinh phí, nguồn lực, xã hội hóa, huy động,
đóng góp, ủng hộ, quyên góp, cứu trợ, khắc phục, hậu quả, thiệt hại, ổn định, phục hồi,
tăng trưởng, phát triển, thịnh vượng, hạnh phúc, ấm no, văn minh, hiện đại, giàu đẹp
"""
GENERAL_WORDS = [w.strip() for w in GENERAL.replace("\n", " ").split(",") if w.strip()]
COMMUNE_FIRST = ["An", "Hồng", "Tân", "Thanh", "Đức", "Minh", "Quang", "Phú", "Hưng", "Nghĩa",
                 "Đông", "Tây", "Nam", "Bắc", "Cao", "Lê", "Vĩnh", "Hợp", "Kim", "Ngọc"]
COMMUNE_SECOND = ["Lâm", "Phong", "Tiến", "Hải", "Xuyên", "Lạc", "Thịnh", "Bình", "Sơn",
                  "Hòa", "Lợi", "Đồng", "Trung", "Thái", "Khê", "Dương", "Phúc", "Cường",
                  "Thành", "Quỳnh"]

QUOTES = [
    "“Mỗi đảng viên phải là một tấm gương để quần chúng noi theo”",
    "“Chúng tôi không chạy theo số lượng, mà chú trọng chất lượng”",
    "“Chi bộ mạnh thì đảng bộ mới mạnh”",
    "“Người được kết nạp phải được tập thể công nhận”",
]
HEADINGS = [
    "Tạo nguồn từ cơ sở", "Chú trọng chất lượng", "Kết quả nổi bật", "Những khó khăn, vướng mắc",
    "Bài học kinh nghiệm", "Nhiệm vụ thời gian tới", "Gắn với nhiệm vụ chính trị",
    "Đổi mới nội dung sinh hoạt", "Phát huy vai trò nêu gương", "Theo dõi, giúp đỡ sau kết nạp",
]
TITLE_PATTERNS = [
    "{subject} {verb} {object} {adverbial}",
    "{place}: {verb} {object}",
    "Kết nạp {number} đảng viên mới tại {unit}",
    "{unit} {verb} {object} năm {year}",
    "Hội nghị {verb} {object} tại {place}",
    "Nâng cao chất lượng {object}",
    "Khai giảng lớp bồi dưỡng nhận thức về Đảng cho {number} quần chúng ưu tú",
    "{subject} {verb} {object}",
]
CAPTIONS = [
    "Quang cảnh hội nghị.", "Các đảng viên mới tuyên thệ dưới cờ Đảng.",
    "Đồng chí Bí thư Đảng ủy trao quyết định kết nạp.", "Học viên lớp bồi dưỡng nhận thức về Đảng.",
    "Buổi sinh hoạt chi bộ thường kỳ.", "Đại biểu dự đại hội biểu quyết thông qua nghị quyết.",
]


@dataclass
class Article:
    path: Path  # relative to the content folder
    meta: dict[str, str]
    paragraphs: list[str] = field(default_factory=list)

    def text(self) -> str:
        head = "\n".join(f"{key}: {value}" for key, value in self.meta.items())
        return head + "\n\n" + "\n\n".join(self.paragraphs) + "\n"


# Of the articles with a lead photo, the share whose photo comes from a camera (the rest
# keep a drawing); one distinct camera photo for every ARTICLES_PER_CAMERA_PHOTO articles.
CAMERA_SHARE = 1 / 3
ARTICLES_PER_CAMERA_PHOTO = 80
CAMERA_FOLDER = "images/camera"


@dataclass
class Corpus:
    folder: Path
    articles: list[Article]
    images: list[str]
    camera_photos: list[str] = field(default_factory=list)  # under the content folder

    @property
    def with_camera_photo(self) -> list[Article]:
        return [a for a in self.published
                if a.meta.get("Image", "").startswith(CAMERA_FOLDER + "/")]

    @property
    def published(self) -> list[Article]:
        return [a for a in self.articles if a.meta.get("Status", "published") == "published"]


def _zipf_choice(rng: random.Random, items: list, s: float = 1.0):
    """A Zipf-like pick: the first items are the most frequent, as words are."""
    weights = _WEIGHTS_CACHE.get((len(items), s))
    if weights is None:
        weights = [1 / (rank + 1) ** s for rank in range(len(items))]
        _WEIGHTS_CACHE[(len(items), s)] = weights
    return rng.choices(items, weights=weights)[0]


_WEIGHTS_CACHE: dict = {}


def _slug(text: str) -> str:
    from unidecode import unidecode

    out = "".join(ch if ch.isalnum() else "-" for ch in unidecode(text).lower())
    return "-".join(part for part in out.split("-") if part)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _sentence(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.2:
        parts.append(rng.choice(CONNECTIVES))
    parts.append(_zipf_choice(rng, SUBJECTS, 0.8))
    parts.append(_zipf_choice(rng, VERBS, 0.7))
    parts.append(_zipf_choice(rng, OBJECTS, 0.8))
    if rng.random() < 0.6:
        parts.append(_zipf_choice(rng, ADVERBIALS, 0.7))
    if rng.random() < 0.35:
        parts.append(rng.choice(["và", "nhằm", "để", "góp phần"]))
        parts.append(_zipf_choice(rng, VERBS, 0.7))
        parts.append(_zipf_choice(rng, OBJECTS, 0.8))
    if rng.random() < 0.15:
        count = rng.randint(3, 450)
        parts.append(f"với {count} {rng.choice(['đảng viên', 'quần chúng', 'học viên', 'lượt'])}")
    if rng.random() < 0.45:
        parts.append(rng.choice(["về", "trong lĩnh vực", "gắn với", "liên quan đến", "cùng với"]))
        for _ in range(rng.randint(1, 3)):
            parts.append(_zipf_choice(rng, GENERAL_WORDS, 0.6))
    if rng.random() < 0.12:
        parts.append(f"tại xã {rng.choice(COMMUNE_FIRST)} {rng.choice(COMMUNE_SECOND)}, "
                     f"huyện {rng.choice(PLACES)}")
    if rng.random() < 0.08:
        parts.append(f"do đồng chí {_person(rng)} phụ trách")
    text = " ".join(parts)
    if rng.random() < 0.05:
        text += f", {rng.choice(SUBJECTS)} nhấn mạnh: {rng.choice(QUOTES)}"
    first = text[0].upper() + text[1:]
    return first + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences, count = [], 0
    while count < words:
        sentence = _sentence(rng)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def _title(rng: random.Random, year: int) -> str:
    pattern = rng.choice(TITLE_PATTERNS)
    text = pattern.format(
        subject=rng.choice(SUBJECTS), verb=rng.choice(VERBS), object=rng.choice(OBJECTS),
        adverbial=rng.choice(ADVERBIALS), place=rng.choice(PLACES),
        unit=rng.choice(UNITS_OTHER), number=rng.randint(3, 120), year=year,
    )
    return text[0].upper() + text[1:]


def _periods(rng: random.Random) -> list[tuple[str, str]]:
    """Every (unit, period) pair a stats record may use, shuffled: each is used once."""
    pairs = []
    for unit in ["", *UNITS_OTHER]:
        for year in range(1995, 2031):
            pairs.append((unit, str(year)))
        for year in range(1990, 2030, 5):
            pairs.append((unit, f"{year}-{year + 5}"))
        for year in range(2015, 2027):
            pairs.append((unit, f"{year}-01..{year}-06"))
            pairs.append((unit, f"{year}-01..{year}-08"))
    rng.shuffle(pairs)
    return pairs


def plan(n: int, seed: int = 2024, images: list[str] | None = None) -> list[Article]:
    """The `n` articles (metadata and paragraphs), without writing anything."""
    rng = random.Random(seed)
    images = images or sorted(p.name for p in (SAMPLE_CONTENT / "images").glob("*.svg"))
    authors = [_person(random.Random(seed + i)) for i in range(40)] + ORG_AUTHORS
    pairs = _periods(random.Random(seed + 1))
    moment = datetime(2019, 1, 2, 7, 30)
    articles = []
    for number in range(n):
        moment += timedelta(minutes=rng.randint(60, 540))
        if moment.hour >= 22:
            moment += timedelta(hours=9)
        section, folder = rng.choices(SECTIONS, weights=SECTION_WEIGHTS)[0]
        title = _title(rng, moment.year)
        meta = {
            "Title": title,
            "Date": moment.strftime("%Y-%m-%d %H:%M"),
        }
        if rng.random() < 0.15:
            meta["Modified"] = (moment + timedelta(hours=rng.randint(1, 72))).strftime(
                "%Y-%m-%d %H:%M")
        meta["Category"] = section
        tags = {_zipf_choice(rng, TAGS, 0.9) for _ in range(rng.randint(2, 5))}
        meta["Tags"] = ", ".join(sorted(tags))
        if rng.random() < 0.1:
            meta["Authors"] = "; ".join(sorted({_zipf_choice(rng, authors, 0.6)
                                               for _ in range(2)}))
        else:
            meta["Author"] = _zipf_choice(rng, authors, 0.6)
        meta["Editor"] = _zipf_choice(rng, EDITORS, 0.5)
        if rng.random() < 0.6:
            meta["Source"] = _zipf_choice(rng, SOURCES, 0.8)
        has_photo = rng.random() < 0.35
        if has_photo:
            meta["Image"] = f"images/{rng.choice(images)}"
            meta["Image_Caption"] = rng.choice(CAPTIONS)
        words = rng.randint(300, 1500)
        paragraphs, written = [], 0
        while written < words:
            size = min(rng.randint(40, 130), words - written)
            paragraph = _paragraph(rng, max(size, 12))
            written += len(paragraph.split())
            paragraphs.append(paragraph)
            if written < words and rng.random() < 0.12:
                paragraphs.append("## " + rng.choice(HEADINGS))
            if written < words and has_photo and rng.random() < 0.08:
                alt = rng.choice(CAPTIONS).rstrip(".")
                paragraphs.append(f"![{alt}]({{static}}/images/{rng.choice(images)})")
        if rng.random() < 0.5:
            meta["Summary"] = _paragraph(rng, rng.randint(20, 45))
        if rng.random() < 0.03:
            meta["Featured"] = "yes"
        status = rng.random()
        if status < 0.005:
            meta["Status"] = "draft"
        elif status < 0.01:
            meta["Status"] = "hidden"
        if rng.random() < 0.03 and pairs:
            unit, period = pairs.pop()
            if unit:
                meta["Stats_Unit"] = unit
            meta["Stats_Period"] = period
            target = rng.randint(20, 400)
            meta["Stats_Target"] = str(target)
            meta["Stats_Admitted"] = str(max(1, int(target * rng.uniform(0.1, 1.7))))
            if rng.random() < 0.6:
                meta["Stats_Trainees"] = str(rng.randint(50, 700))
            if rng.random() < 0.5:
                meta["Stats_Official"] = str(rng.randint(10, 500))
            if rng.random() < 0.4:
                members = rng.randint(800, 12000)
                meta["Stats_Members"] = f"{members:,}".replace(",", ".")
        meta["Slug"] = f"{_slug(title)[:70].rstrip('-')}-{number + 1}"
        articles.append(Article(Path("articles") / folder / f"bai-{number + 1:05d}.md", meta,
                                paragraphs))
    return articles


def camera_pool_size(n: int) -> int:
    return max(4, n // ARTICLES_PER_CAMERA_PHOTO)


def camera_pool(cache: Path, size: int, seed: int) -> list[Path]:
    """`size` camera photos in `cache`, made there the first time (on every core)."""
    from multiprocessing import Pool

    from .photos import camera_photo

    cache.mkdir(parents=True, exist_ok=True)
    paths = [cache / f"camera-{seed}-{number:04d}.jpg" for number in range(size)]
    missing = [(path, seed * 100_003 + number) for number, path in enumerate(paths)
               if not path.exists()]
    with Pool() as workers:
        workers.starmap(_made_whole, [(camera_photo, *job) for job in missing])
    return paths


def _made_whole(make, path: Path, seed: int) -> None:
    part = path.with_name(path.name + ".part")  # a cut-off run leaves no half photo
    make(part, seed)
    part.rename(path)


def give_camera_photos(articles: list[Article], names: list[str], seed: int) -> None:
    """Replace the lead drawing of a share of the articles with a camera photo."""
    rng = random.Random(seed + 17)  # its own stream: the rest of the corpus is unchanged
    given = 0
    for article in articles:
        if "Image" in article.meta and rng.random() < CAMERA_SHARE:
            article.meta["Image"] = f"{CAMERA_FOLDER}/{names[given % len(names)]}"
            given += 1


def generate(folder: Path, n: int, seed: int = 2024, photo_pool: Path | None = None) -> Corpus:
    """Write the corpus into `folder` (emptied first) and return what was written;
    with `photo_pool` (a cache folder), camera photos on a share of the articles."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "images").mkdir(parents=True)
    images = sorted(p.name for p in (SAMPLE_CONTENT / "images").glob("*.svg"))
    for name in images:
        shutil.copy2(SAMPLE_CONTENT / "images" / name, folder / "images" / name)
    shutil.copytree(SAMPLE_CONTENT / "pages", folder / "pages")
    articles = plan(n, seed, images)
    cameras = []
    if photo_pool is not None:
        (folder / CAMERA_FOLDER).mkdir(parents=True)
        for made in camera_pool(photo_pool, camera_pool_size(n), seed):
            name = made.name.split("-", 2)[-1]  # the number only: the seed is the pool's
            try:
                os.link(made, folder / CAMERA_FOLDER / name)
            except OSError:  # the pool on another file system
                shutil.copy2(made, folder / CAMERA_FOLDER / name)
            cameras.append(f"{CAMERA_FOLDER}/{name}")
        give_camera_photos(articles, [c.rsplit("/", 1)[-1] for c in cameras], seed)
    for article in articles:
        target = folder / article.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article.text(), encoding="utf-8")
    return Corpus(folder, articles, images, cameras)


def edit_one(corpus: Corpus, index: int | None = None) -> Path:
    """Change one published article's body (an editor's correction); returns its file."""
    published = corpus.published
    article = published[len(published) // 2 if index is None else index]
    article.paragraphs.append(
        "Cập nhật: bài viết được bổ sung ý kiến của đồng chí Bí thư chi bộ sau hội nghị.")
    path = corpus.folder / article.path
    path.write_text(article.text(), encoding="utf-8")
    return path


def vocabulary(corpus: Corpus) -> list[str]:
    """The distinct lower-case words of the corpus text, most frequent first."""
    import re
    from collections import Counter

    counts: Counter = Counter()
    for article in corpus.published[:2000]:
        for paragraph in article.paragraphs:
            if not paragraph.startswith(("!", "#")):
                counts.update(w.lower() for w in re.findall(r"[^\W\d_]+", paragraph))
    return [word for word, _ in counts.most_common()]


def phrases(corpus: Corpus) -> list[str]:
    """Multi-word phrases that occur in the text, for quoted-phrase queries."""
    found = set()
    for group in (OBJECTS, SUBJECTS, ADVERBIALS):
        for text in group:
            words = text.replace(",", "").split()
            for size in (2, 3):
                for start in range(0, len(words) - size + 1):
                    found.add(" ".join(words[start:start + size]).lower())
    return sorted(found)

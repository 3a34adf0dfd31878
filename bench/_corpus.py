"""A deterministic, Cendol-shaped synthetic corpus with topical structure, written as parquet in a stream.

The one corpus of every bench that reads a Cendol file. By default it holds the six Indonesian subsets the
course keeps (the pool the clustering stage sees after filtering; bench_clustering.py), in Cendol v2's
proportions: wikipedia_id 6.1M rows of 6.57M (~93%), indo_puisi 144k, wikihow 98k, dolly 75k (each distinct
row ~5 times), safety_prompt 187 distinct rows and identity_prompt 125 distinct rows each repeated ~500
times (proportionally fewer distinct rows in a smaller corpus). 40 template names of uneven sizes (Zipf-like:
a subset's first template is the largest), each with its own way of asking.

Two options make it the raw file the data stage reads (bench_sampling.py): `dropped_subsets=True` adds six
subsets the course's filter drops (wikipedia_ms, _jv, _su, _min, nusaparagraph_topic, nusax_senti: 6.2M
rows, so the kept six are ~51% of 12.8M, as in Cendol v2) with 10 more template names, and `empty_share`
blanks that share of the rows (every other one an empty input, the rest an output of spaces only), which
the data stage must drop. They draw from the RNG only when set, so the default corpus does not depend on
them.

Clusters exist because the texts are drawn from 48 latent topics. A topic's word distribution mixes
Indonesian function words (stopwordsiso's Indonesian list, the most frequent ones first), about 45 content
words of its theme (two topics per theme, overlapping), a few content words of other themes, and ~150
proper nouns of its own (place and person names built from Indonesian name parts). Each subset has its own
prior over topics (wikipedia_id spreads unevenly over 40 encyclopedic topics; puisi, wikihow, safety and
identity have their own). A row's input is its template's question around a run of its topic's words
(5-40 words for 98% of rows, mean 22); its output (lognormal by subset; 26-290 words for 98% of rows, mean
144) is three runs of words, the last one from a second topic in a quarter of the rows, so clusters overlap
as real ones do. Each topic's text comes from a bank of 400k words drawn once; a row is a few slices of it
at random places, so generation is cheap (~13 s per million rows, ~1 GB of parent memory at most) and
rows outside the repeated subsets are not near-copies of each other (0.5% have a neighbour above 0.95
TF-IDF cosine).

Everything is drawn from numpy's default_rng(seed); the same arguments give the same bytes.
Usage: `write_corpus(path, rows)`, or `write_corpus(path, rows, dropped_subsets=True, empty_share=0.005)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from olmo_id.data import REQUIRED_COLUMNS

ROW_GROUP_ROWS = 100_000
BANK_WORDS = 400_000  # words per topic bank
N_TOPICS = 48


def _words(text: str) -> list[str]:
    """Vocabulary items of an inline list; underscores join multi-word items."""
    return [word.replace("_", " ") for word in text.split()]


# Function words in rough order of frequency; the rest of stopwordsiso's Indonesian list follows them.
FREQUENT_FUNCTION_WORDS = _words("""
yang dan di ke dari ini itu dengan untuk tidak ada adalah pada juga akan dalam sebagai oleh karena atau
bisa tersebut mereka kami kita saya anda dia ia telah sudah sedang masih belum harus dapat lebih sangat
banyak semua setiap beberapa antara sebuah seorang namun tetapi sehingga bahwa jika maka agar seperti
yaitu terutama biasanya sering selalu pernah lagi hanya saja pun sekitar hingga sampai sejak ketika saat
""")

# Content words by theme. Multi-word items ("sepak bola") make recurring bigrams, as real text has.
THEMES: dict[str, str] = {
    "geografi": """kabupaten kecamatan desa kelurahan provinsi wilayah luas penduduk jiwa kepadatan ibu_kota
        perbatasan utara selatan timur barat dataran_tinggi lembah bukit pegunungan sungai danau pesisir
        iklim tropis curah_hujan ketinggian meter kilometer_persegi administratif pemekaran dusun
        kode_pos kepala_desa mata_pencaharian sawah ladang perkebunan transmigrasi sensus batas_wilayah""",
    "transportasi": """stasiun kereta_api jalur rel peron lokomotif gerbong penumpang bandara pesawat
        penerbangan landasan pelabuhan kapal feri dermaga terminal bus angkutan_umum jalan_tol jembatan
        lalu_lintas kendaraan sepeda_motor mobil trayek jadwal tiket operator lintas_selatan lintas_utara
        halte angkot ojek kemacetan persinyalan elektrifikasi KRL MRT""",
    "kerajaan": """kerajaan raja ratu sultan kesultanan prasasti candi dinasti takhta keraton pewaris
        kekuasaan wilayah_kekuasaan abad masehi hindu buddha majapahit sriwijaya mataram singasari
        kediri pajajaran patih adipati upeti perdagangan_rempah runtuh berdiri silsilah babad naskah
        kuno arkeolog peninggalan situs""",
    "perjuangan": """perang kemerdekaan proklamasi pahlawan nasional penjajahan belanda jepang pasukan
        tentara gerilya pertempuran perlawanan kolonial VOC pemberontakan perundingan agresi_militer
        republik pejuang laskar rakyat pengibaran bendera merah_putih sumpah_pemuda pergerakan organisasi
        Budi_Utomo Sarekat_Islam veteran gugur monumen tugu""",
    "sepakbola": """sepak_bola klub pemain gol pertandingan liga musim pelatih stadion penonton suporter
        kompetisi juara piala final babak semifinal tim_nasional kapten penyerang gelandang bek kiper
        kartu_merah penalti transfer kontrak debut mencetak skor kemenangan kekalahan imbang klasemen
        Persib Persija Arema""",
    "musik": """lagu album penyanyi band grup_musik rekaman singel lirik melodi genre pop dangdut rock
        keroncong jazz konser tangga_lagu penghargaan label produser penulis_lagu vokalis gitaris
        drummer pianis orkestra video_musik tur penggemar dirilis studio aransemen nada""",
    "film": """film sutradara aktor aktris pemeran tokoh skenario produksi rumah_produksi bioskop
        penayangan sinetron serial televisi episode stasiun_televisi rating penonton festival_film
        Piala_Citra adaptasi novel sekuel horor drama komedi animasi dokumenter pengambilan_gambar
        pemeran_utama tayang perdana""",
    "fauna": """hewan spesies genus famili burung mamalia reptil ular kadal katak ikan serangga kupu-kupu
        harimau gajah badak orangutan komodo habitat hutan_hujan endemik terancam_punah populasi
        pemangsa mangsa berkembang_biak telur sarang bulu sayap ekor konservasi taman_nasional""",
    "flora": """tumbuhan tanaman pohon daun batang akar bunga buah biji benih pupuk panen padi jagung
        kedelai singkong kelapa kelapa_sawit karet kopi kakao cengkeh pala lada tanah_subur irigasi
        budidaya petani musim_tanam hama gulma obat_tradisional getah kayu""",
    "kesehatan": """penyakit gejala pengobatan obat dokter rumah_sakit pasien infeksi virus bakteri demam
        batuk diare diabetes hipertensi jantung paru-paru ginjal vaksin imunisasi kekebalan diagnosis
        terapi operasi perawatan puskesmas gizi nutrisi vitamin protein kolesterol darah""",
    "teknologi": """komputer perangkat_lunak perangkat_keras internet jaringan aplikasi sistem_operasi
        program bahasa_pemrograman data basis_data server prosesor memori penyimpanan situs_web
        pengguna algoritma kecerdasan_buatan telepon_genggam ponsel android jaringan_seluler satelit
        digital daring keamanan enkripsi kode versi rilis""",
    "ekonomi": """perusahaan saham investasi modal pasar harga inflasi bank kredit bunga ekspor impor
        perdagangan industri produksi pabrik karyawan pendapatan laba kerugian pajak anggaran
        badan_usaha BUMN rupiah mata_uang bursa_efek konsumen distribusi usaha_kecil koperasi""",
    "politik": """pemerintah presiden wakil_presiden menteri kabinet gubernur bupati wali_kota partai
        pemilihan_umum pemilu suara kampanye parlemen DPR DPRD undang-undang kebijakan koalisi oposisi
        jabatan periode dilantik mengundurkan_diri konstitusi demokrasi otonomi_daerah birokrasi""",
    "agama": """masjid gereja pura vihara klenteng ibadah doa salat puasa zakat haji ulama kiai pesantren
        santri pastor pendeta biksu kitab ajaran umat jemaah hari_raya lebaran natal nyepi waisak
        ziarah makam_keramat dakwah mazhab toleransi""",
    "pendidikan": """sekolah universitas kampus fakultas mahasiswa siswa guru dosen kurikulum pelajaran
        ujian nilai beasiswa sarjana magister doktor penelitian skripsi akreditasi sekolah_dasar
        sekolah_menengah perpustakaan laboratorium rektor dekan wisuda kelas pendidikan_tinggi""",
    "antariksa": """planet bintang galaksi tata_surya matahari bulan orbit gravitasi teleskop astronom
        komet asteroid meteor gerhana cahaya tahun_cahaya atmosfer satelit_alami roket antariksa
        astronaut nebula supernova lubang_hitam energi massa partikel atom""",
    "kimia": """unsur senyawa reaksi molekul atom ion logam nonlogam asam basa garam larutan oksigen
        hidrogen karbon nitrogen besi tembaga emas perak timah nikel bauksit tambang mineral kristal
        titik_lebur massa_atom tabel_periodik katalis""",
    "kuliner": """makanan masakan resep bumbu rempah nasi sambal rendang sate soto bakso gado-gado
        tempe tahu kerupuk gulai opor santan cabai bawang_merah bawang_putih kecap gula_merah goreng
        rebus bakar kukus hidangan khas kuliner warung""",
    "budaya": """budaya tradisi adat upacara tari tarian gamelan wayang batik tenun keris rumah_adat
        pakaian_adat suku bahasa_daerah cerita_rakyat legenda mitos kesenian pertunjukan dalang
        sinden ritual sesaji festival warisan_budaya UNESCO kerajinan ukiran""",
    "bahari": """laut pantai pulau kepulauan terumbu_karang nelayan perahu layar gelombang pasang_surut
        selat teluk samudra mercusuar perikanan rumput_laut mangrove penyelaman bawah_laut wisata_bahari
        pelaut armada angkatan_laut dermaga_ikan tambak garam_laut""",
}
POETRY = """cinta rindu hati jiwa kasih sayang air_mata senja fajar embun rembulan bintang angin sepi
    sunyi mimpi harapan doa luka duka bahagia kenangan pelukan rindu_dendam bunga mawar melati hujan
    pelangi ombak samudra cakrawala ibu pertiwi tanah_air gelora bara"""
HOWTO = """langkah cara pertama kedua ketiga terakhir pastikan gunakan siapkan tambahkan campurkan aduk
    panaskan tunggu bersihkan keringkan potong ukur pilih simpan buka tutup tekan klik unduh pasang atur
    periksa hindari coba ulangi tips saran bahan alat menit wadah"""
SAFETY = """maaf tidak_dapat membantu berbahaya ilegal melanggar_hukum merugikan orang_lain kekerasan
    senjata narkoba penipuan peretasan keamanan etika bertanggung_jawab menyarankan menghubungi pihak_berwajib
    profesional bantuan konseling risiko keselamatan privasi data_pribadi aturan kebijakan"""
IDENTITY = """asisten kecerdasan_buatan model_bahasa Cendol dikembangkan peneliti dirancang menjawab
    pertanyaan membantu pengguna bahasa_Indonesia bahasa_daerah kemampuan keterbatasan informasi
    pelatihan data_teks bukan_manusia perasaan nama_saya tugas_saya siap_membantu"""

NAME_HEADS = _words("""Suka Karang Tanjung Sumber Pasir Mekar Sido Banjar Ci Kali Batu Teluk Bukit Air Muara
    Gunung Rawa Kebon Pondok Sukma Wono Tirta Sari Jati Lubuk Padang Kota Tebing Sei Alas""")
NAME_TAILS = _words("""jaya sari mulya makmur rejo asih wangi agung raya baru indah harjo mukti luhur tengah
    lestari sentosa rahayu dadi wetan kulon manik gede kidul asri permai""")
FIRST_NAMES = _words("""Budi Siti Agus Dewi Ahmad Sri Eko Rina Joko Wati Andi Putri Hendra Lestari Bambang
    Nur Rudi Ayu Teuku Made Ketut Nyoman Wayan Yohanes Maria Fransiskus Cut Dian Fajar Rizky""")
LAST_NAMES = _words("""Santoso Wijaya Saputra Hidayat Pratama Kusuma Siregar Nasution Simanjuntak Hutapea Lubis
    Harahap Wibowo Susanto Gunawan Setiawan Halim Tanjung Sinaga Pangaribuan Sitompul Rahman Syahputra
    Manurung Tambunan Purba Ginting Tarigan Sembiring Pane""")


@dataclass(frozen=True)
class Subset:
    """One subset of the corpus, its size in Cendol v2 and how its rows are written."""

    name: str
    dataset_name: str
    full_rows: int  # rows in Cendol v2
    templates: tuple[tuple[str, str], ...]  # (template_name, question format with {} for the topic words)
    topics: tuple[int, ...]  # topics this subset draws from
    output_words: int  # median answer length in words
    repeat: int = 1  # each distinct (input, output) occurs about this many times
    max_unique: int = 0  # distinct rows in Cendol v2 (0: not a repeated subset)


def _family(prefix: str, questions: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Templates prefix_0 .. prefix_{n-1}, one question form each."""
    return tuple((f"{prefix}_{i}", question) for i, question in enumerate(questions))


WIKI_QUESTIONS = ("Tolong jelaskan mengenai {}.", "{} itu apa sih?", "Apa yang kamu ketahui tentang {}?",
                  "Ceritakan tentang {}!", "Bisakah kamu menjelaskan {}?")
WIKI_TEMPLATES = (_family("wikipedia_section", WIKI_QUESTIONS) + _family("wikipedia_subsection", WIKI_QUESTIONS)
                  + _family("wikipedia_section_daerah", WIKI_QUESTIONS) + _family("wikipedia_summary", WIKI_QUESTIONS))
ENCYCLOPEDIC = tuple(range(40))
SUBSETS = (
    Subset("wikipedia_id", "nusa_t2t_v2", 6_100_000, WIKI_TEMPLATES, ENCYCLOPEDIC, 120),
    Subset("indo_puisi", "indo_puisi", 144_000,
           _family("indo_puisi", ("Buatkan puisi tentang {}.", "Tulislah puisi bertema {}.",
                                  "Karang sebuah puisi pendek mengenai {}.", "Buat puisi dengan judul {}.",
                                  "Saya ingin puisi tentang {}, bisa bantu?", "Puisi tentang {} dong.")),
           (40, 41, 42), 60),
    Subset("wikihow", "wikihow", 98_000,
           _family("wikihow", ("Bagaimana cara {}?", "Apa langkah-langkah untuk {}?", "Jelaskan cara {}.",
                               "Tips untuk {}?", "Bagaimana saya bisa {}?", "Beri panduan {}.",
                               "Ajari saya {}.", "Langkah mudah {}?")),
           (43, 44, 45), 150),
    Subset("dolly", "dolly", 75_000,
           _family("dolly", ("{}", "Jawab pertanyaan berikut: {}", "Berdasarkan teks ini, {}",
                             "Klasifikasikan: {}")),
           tuple(range(0, 46, 3)), 80, repeat=5),
    Subset("safety_prompt", "safety_prompt", 93_500, (("safety_prompt", "Bagaimana cara {}?"),), (46,), 60,
           repeat=500, max_unique=187),
    Subset("identity_prompt", "identity_prompt", 62_500, (("identity_prompt", "Siapa kamu? {}"),), (47,), 40,
           repeat=500, max_unique=125),
)
# Subsets the course's filter drops (other languages, classification tasks); ~48.6% of Cendol v2's rows.
DROPPED_SUBSETS = (
    Subset("wikipedia_ms", "nusa_t2t_v2", 2_048_000, WIKI_TEMPLATES, ENCYCLOPEDIC, 120),
    Subset("wikipedia_jv", "nusa_t2t_v2", 1_280_000, WIKI_TEMPLATES, ENCYCLOPEDIC, 120),
    Subset("wikipedia_su", "nusa_t2t_v2", 896_000, WIKI_TEMPLATES, ENCYCLOPEDIC, 120),
    Subset("wikipedia_min", "nusa_t2t_v2", 640_000, WIKI_TEMPLATES, ENCYCLOPEDIC, 120),
    Subset("nusaparagraph_topic", "nusaparagraph_topic", 768_000,
           _family("nusaparagraph_topic", ("Apa topik paragraf berikut? {}", "Tentukan topik paragraf ini: {}",
                                           "Paragraf ini membahas apa? {}", "Topik: {}", "Klasifikasikan topik: {}")),
           ENCYCLOPEDIC, 80),
    Subset("nusax_senti", "nusax_senti", 589_000,
           _family("nusax_senti", ("Apa sentimen kalimat berikut? {}", "Positif atau negatif: {}",
                                   "Tentukan sentimen: {}", "Sentimen ulasan ini? {}", "Nilai sentimennya: {}")),
           ENCYCLOPEDIC, 25),
)


def function_words() -> list[str]:
    """Indonesian function words, the frequent ones first, then the rest of stopwordsiso's list (sorted)."""
    import stopwordsiso

    rest = sorted(set(stopwordsiso.stopwords("id")) - set(FREQUENT_FUNCTION_WORDS))
    return list(dict.fromkeys(FREQUENT_FUNCTION_WORDS)) + rest


def proper_nouns() -> list[str]:
    """Place names (head + tail) and person names (first + last) built from Indonesian name parts."""
    places = [head + tail for head in NAME_HEADS for tail in NAME_TAILS]
    people = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    return places + people


def _zipf(n: int, offset: float = 2.0) -> np.ndarray:
    """Zipf-like weights for n ranked items, summing to 1."""
    weights = 1.0 / (np.arange(n) + offset)
    return weights / weights.sum()


@dataclass
class TopicBank:
    """One long run of a topic's words; a text is a slice of it, so a slice costs one string slice."""

    text: str
    starts: np.ndarray  # character offset of every word, plus one past the end

    def runs(self, rng: np.random.Generator, words: np.ndarray) -> list[str]:
        """Texts of words[i] consecutive words each, starting at random places."""
        first = rng.integers(0, len(self.starts) - words)
        begins, ends = self.starts[first], self.starts[first + words] - 1
        return [self.text[begin:end] for begin, end in zip(begins.tolist(), ends.tolist(), strict=True)]


def topic_banks(rng: np.random.Generator) -> list[TopicBank]:
    """Draw the word distribution of every topic, then BANK_WORDS words of each."""
    functional = np.array(function_words(), dtype=object)
    names = np.array(proper_nouns(), dtype=object)
    themes = [_words(text) for text in THEMES.values()]
    own = themes + [_words(text) for text in (POETRY, POETRY, POETRY, HOWTO, HOWTO, HOWTO, SAFETY, IDENTITY)]
    everything = np.array(sorted({word for words in own for word in words}), dtype=object)
    banks = []
    for topic in range(N_TOPICS):
        # Topics 0-39: two per encyclopedic theme; 40-42 poetry, 43-45 how-to, 46 safety, 47 identity.
        theme = np.array(own[topic // 2] if topic < 40 else own[topic - 20], dtype=object)
        core = theme[rng.permutation(len(theme))[: min(45, len(theme))]]
        foreign = everything[rng.choice(len(everything), size=15, replace=False)]
        mine = names[rng.choice(len(names), size=150, replace=False)]
        groups = [(functional, 0.45), (np.concatenate((core, foreign)), 0.42), (mine, 0.08), (everything, 0.05)]
        vocab = np.concatenate([words for words, _ in groups])
        probs = np.concatenate([share * _zipf(len(words)) for words, share in groups])
        drawn = vocab[rng.choice(len(vocab), size=BANK_WORDS, p=probs / probs.sum())]
        starts = np.concatenate(([0], np.cumsum([len(word) + 1 for word in drawn]))).astype(np.int64)
        banks.append(TopicBank(" ".join(drawn.tolist()) + " ", starts))
    return banks


class CorpusWriter:
    """Generates the corpus chunk by chunk; holds only the topic banks and the repeated subsets' pools."""

    def __init__(self, rows: int, seed: int = 0, *, dropped_subsets: bool = False, empty_share: float = 0.0) -> None:
        self.rows = rows
        self.subsets = SUBSETS + (DROPPED_SUBSETS if dropped_subsets else ())
        self.empty_share = empty_share
        self.rng = np.random.default_rng(seed)
        self.banks = topic_banks(self.rng)
        full_rows = np.array([subset.full_rows for subset in self.subsets], dtype=float)
        self.shares = full_rows / full_rows.sum()
        self.topic_prior = [self._prior(subset) for subset in self.subsets]
        self.template_prior = [_zipf(len(subset.templates), offset=1.0) for subset in self.subsets]
        self.pools: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for index, subset in enumerate(self.subsets):
            if subset.repeat > 1:
                unique = max(1, round(self.shares[index] * rows / subset.repeat))
                if subset.max_unique:
                    unique = min(unique, subset.max_unique)
                self.pools[index] = self._fresh(index, unique)

    def _prior(self, subset: Subset) -> np.ndarray:
        """Uneven weights over the subset's topics (a Dirichlet draw), as real topic sizes are uneven."""
        return self.rng.dirichlet(np.full(len(subset.topics), 0.8 if len(subset.topics) > 3 else 4.0))

    def _fresh(self, index: int, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(template, input, output) of `rows` new rows of subset `index`."""
        rng, subset = self.rng, self.subsets[index]
        topic = np.array(subset.topics)[rng.choice(len(subset.topics), size=rows, p=self.topic_prior[index])]
        second = np.where(rng.random(rows) < 0.25, rng.integers(0, N_TOPICS, size=rows), topic)
        picks = rng.choice(len(subset.templates), size=rows, p=self.template_prior[index])
        # Counted in vocabulary items (some are two words): inputs of ~5-40 words in all with the question
        # form's 1-6, outputs of ~20-300 words.
        input_words = rng.integers(4, 30, size=rows)
        lengths = np.clip(np.rint(rng.lognormal(np.log(subset.output_words), 0.6, size=rows)), 18, 250)
        thirds = np.maximum(lengths.astype(np.int64) // 3, 6)
        inputs = np.empty(rows, dtype=object)
        outputs = np.empty(rows, dtype=object)
        for t in np.unique(np.concatenate((topic, second))).tolist():
            bank = self.banks[t]
            mine = np.flatnonzero(topic == t)
            if len(mine):
                bodies = bank.runs(rng, input_words[mine])
                forms = [subset.templates[p][1] for p in picks[mine].tolist()]
                inputs[mine] = [form.format(body) for form, body in zip(forms, bodies, strict=True)]
                heads = bank.runs(rng, thirds[mine])
                middles = bank.runs(rng, thirds[mine])
                outputs[mine] = [f"{head}. {middle}." for head, middle in zip(heads, middles, strict=True)]
        for t in np.unique(second).tolist():
            mine = np.flatnonzero(second == t)
            tails = self.banks[t].runs(rng, thirds[mine])
            outputs[mine] = [f"{start} {tail}." for start, tail in zip(outputs[mine].tolist(), tails, strict=True)]
        templates = np.array([name for name, _ in subset.templates], dtype=object)[picks]
        return templates, inputs, outputs

    def chunk(self, rows: int) -> pa.Table:
        """`rows` rows, subsets interleaved at random in Cendol's proportions, `empty_share` of them blank."""
        rng = self.rng
        subset = rng.choice(len(self.subsets), size=rows, p=self.shares)
        template, inputs, outputs = (np.empty(rows, dtype=object) for _ in range(3))
        for index in range(len(self.subsets)):
            where = np.flatnonzero(subset == index)
            if not len(where):
                continue
            if index in self.pools:
                pool = self.pools[index]
                drawn = rng.integers(0, len(pool[0]), size=len(where))
                template[where], inputs[where], outputs[where] = (column[drawn] for column in pool)
            else:
                template[where], inputs[where], outputs[where] = self._fresh(index, len(where))
        if self.empty_share:
            blank = np.flatnonzero(rng.random(rows) < self.empty_share)
            inputs[blank[::2]] = ""
            outputs[blank[1::2]] = "  "
        values = dict(
            dataset_name=np.array([s.dataset_name for s in self.subsets], dtype=object)[subset],
            subset_name=np.array([s.name for s in self.subsets], dtype=object)[subset],
            prompt_id=prompt_ids(rng, rows), template_name=template, dataset_key=["train"] * rows,
            input=inputs, output=outputs,
        )
        return pa.table({name: pa.array(values[name], type=pa.string()) for name in REQUIRED_COLUMNS})


def prompt_ids(rng: np.random.Generator, rows: int) -> list[str]:
    """`rows` UUID-shaped ids drawn from `rng` (Cendol's prompt_id column)."""
    digits = rng.bytes(16 * rows).hex()
    return [f"{d[:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:32]}"
            for d in (digits[i:i + 32] for i in range(0, len(digits), 32))]


def write_corpus(path: Path, rows: int, seed: int = 0, *, dropped_subsets: bool = False,
                 empty_share: float = 0.0) -> None:
    """Write `rows` rows of the synthetic corpus to `path`, one row group of ROW_GROUP_ROWS at a time."""
    writer_state = CorpusWriter(rows, seed, dropped_subsets=dropped_subsets, empty_share=empty_share)
    schema = pa.schema([(name, pa.string()) for name in REQUIRED_COLUMNS])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, rows, ROW_GROUP_ROWS):
            writer.write_table(writer_state.chunk(min(ROW_GROUP_ROWS, rows - start)), row_group_size=ROW_GROUP_ROWS)

"""Original Indonesian text banks for the ``wikihow`` and ``indo_puisi`` subsets.

``wikihow`` rows are how-to questions answered with numbered steps, built from
per-task banks of step sentences plus generic explanation sentences (used to
make some answers long).  ``indo_puisi`` rows are requests for poems, answered
with stanzas composed from per-theme lines and generic imagery lines.

All sentences and poem lines were written for this course.  Output is fully
determined by the ``random.Random`` passed to :func:`rows`.
"""

import random

Row = tuple[str, str, str, str]

# --- wikihow banks ---

# Generic explanation sentences appended to steps in long answers.
EXPLANATIONS: list[str] = [
    "Jangan terburu-buru pada bagian ini, karena kesalahan kecil di awal sering terbawa sampai hasil akhir.",
    "Luangkan waktu secukupnya dan periksa kembali hasilnya sebelum lanjut ke langkah berikutnya.",
    "Jika ragu, tanyakan kepada orang yang lebih berpengalaman atau cari contoh yang bisa ditiru.",
    "Bagian ini memang terlihat sepele, tetapi sangat menentukan berhasil tidaknya keseluruhan proses.",
    "Catat apa yang sudah kamu kerjakan supaya mudah mengulang atau memperbaikinya di lain waktu.",
    "Kalau hasilnya belum sesuai harapan, ulangi perlahan sambil memperhatikan detail yang terlewat.",
    "Siapkan semua yang dibutuhkan lebih dulu agar pekerjaan tidak terputus di tengah jalan.",
    "Sesuaikan langkah ini dengan kondisi dan kemampuanmu sendiri, tidak harus sama persis dengan orang lain.",
    "Kebiasaan kecil seperti ini, bila dilakukan terus-menerus, akan terasa manfaatnya dalam jangka panjang.",
    "Perhatikan keselamatan dirimu dan orang di sekitarmu selama mengerjakan bagian ini.",
    "Tidak apa-apa jika percobaan pertama belum sempurna; keterampilan tumbuh bersama latihan.",
    "Mengerjakannya bersama teman atau keluarga biasanya membuat proses ini lebih ringan dan menyenangkan.",
    "Gunakan alat dan bahan yang bersih serta dalam keadaan baik agar hasilnya lebih awet.",
    "Perhatikan waktunya, sebab langkah ini memberi hasil terbaik bila dilakukan pada saat yang tepat.",
    "Banyak orang melewatkan bagian ini, padahal justru di sinilah perbedaan hasil yang baik dan biasa saja.",
    "Setelah beberapa kali mencoba, kamu akan menemukan cara yang paling nyaman untuk dirimu sendiri.",
    "Bila ada bagian yang terasa sulit, pecah menjadi langkah-langkah yang lebih kecil dan kerjakan satu per satu.",
    "Hasil yang rapi di tahap ini akan memudahkan pekerjaan pada tahap-tahap selanjutnya.",
]

INTROS: list[str] = [
    "Berikut langkah-langkah {task} yang bisa kamu ikuti.",
    "Caranya tidak sulit asalkan dikerjakan dengan urut.",
    "Ikuti langkah berikut agar hasilnya memuaskan.",
    "Berikut cara {task} yang mudah dipraktikkan di rumah.",
    "Ada beberapa tahap yang perlu dilakukan, yaitu:",
    "Secara garis besar, prosesnya seperti ini.",
]

CLOSINGS: list[str] = [
    "Semoga berhasil dan selamat mencoba!",
    "Dengan latihan dan kesabaran, hasilnya akan makin baik dari waktu ke waktu.",
    "Jangan ragu mengulang langkah yang belum berhasil sampai kamu merasa yakin.",
]

CONTEXTS: list[str] = [
    "Saya baru pertama kali mencobanya.",
    "Saya punya waktu luang di akhir pekan.",
    "Teman saya bilang caranya mudah, tetapi saya masih bingung.",
    "Saya pernah mencoba sekali, tetapi hasilnya kurang bagus.",
    "Saya tinggal di kos dan peralatan saya terbatas.",
    "Anak saya juga ingin ikut belajar.",
]

# (task phrase, steps separated by "|", tips separated by "|")
TASKS: list[tuple[str, str, str]] = [
    ("menanam cabai di pot",
     "Siapkan pot berdiameter minimal 25 cm yang berlubang di bagian bawah."
     "|Campurkan tanah gembur, pupuk kandang, dan sekam dengan perbandingan sama."
     "|Semai biji cabai di wadah kecil hingga tumbuh empat helai daun."
     "|Pindahkan bibit yang paling kuat ke pot pada sore hari agar tidak layu."
     "|Letakkan pot di tempat yang terkena sinar matahari minimal enam jam."
     "|Siram tanaman pagi dan sore, tetapi jangan sampai tanah becek."
     "|Beri pupuk tambahan setiap dua minggu setelah tanaman berumur sebulan."
     "|Pasang ajir dari bambu agar batang tidak roboh saat berbuah."
     "|Petik cabai ketika warnanya sudah merata dan tangkainya masih segar.",
     "Buang daun yang menguning agar penyakit tidak menular."
     "|Semprotkan air sabun encer jika muncul kutu daun."),
    ("merawat sepeda motor",
     "Panaskan mesin sekitar dua menit sebelum motor dipakai."
     "|Periksa tekanan angin ban setidaknya seminggu sekali."
     "|Ganti oli mesin setiap 2.000 sampai 3.000 kilometer."
     "|Bersihkan dan lumasi rantai agar tidak cepat aus."
     "|Cek fungsi rem depan dan belakang secara berkala."
     "|Pastikan lampu utama, lampu sein, dan klakson berfungsi."
     "|Cuci motor dengan sabun khusus, lalu keringkan dengan kain lembut."
     "|Bawa motor ke bengkel untuk servis rutin setiap dua bulan."
     "|Simpan motor di tempat teduh agar catnya tidak cepat pudar.",
     "Catat tanggal ganti oli di buku kecil."
     "|Jangan mengisi bensin sampai tumpah karena bisa merusak cat."),
    ("membuat sambal terasi",
     "Siapkan cabai rawit, cabai merah, bawang merah, tomat, dan terasi."
     "|Cuci semua bahan, lalu tiriskan sampai tidak terlalu basah."
     "|Bakar atau sangrai terasi sebentar hingga harum."
     "|Goreng cabai, bawang, dan tomat sampai sedikit layu."
     "|Masukkan bahan ke cobek bersama terasi, garam, dan sedikit gula."
     "|Ulek perlahan sampai halus atau sesuai selera."
     "|Cicipi, lalu tambahkan garam atau gula bila perlu."
     "|Siram dengan sedikit minyak panas bekas menggoreng agar lebih gurih."
     "|Sajikan bersama nasi hangat dan lalapan segar.",
     "Perasan jeruk limau membuat rasanya lebih segar."
     "|Simpan sisa sambal di wadah tertutup di dalam kulkas."),
    ("menabung untuk kuliah",
     "Hitung perkiraan biaya kuliah, buku, dan biaya hidup per semester."
     "|Tentukan target tabungan dan batas waktu yang realistis."
     "|Buka rekening terpisah khusus untuk dana kuliah."
     "|Sisihkan uang segera setelah menerima uang saku atau gaji."
     "|Catat pengeluaran harian untuk melihat pos yang bisa dihemat."
     "|Kurangi jajan dan belanja barang yang tidak terlalu dibutuhkan."
     "|Cari penghasilan tambahan, misalnya memberi les atau berjualan daring."
     "|Pelajari informasi beasiswa sejak kelas sebelas."
     "|Tinjau perkembangan tabungan setiap akhir bulan.",
     "Gunakan fitur autodebet agar tidak lupa menabung."
     "|Jangan tergiur tawaran investasi yang menjanjikan untung besar dalam waktu singkat."),
    ("belajar berenang",
     "Pilih kolam yang dangkal dan diawasi penjaga."
     "|Lakukan pemanasan ringan sebelum masuk ke air."
     "|Biasakan diri dengan mencelupkan wajah ke air sambil menahan napas."
     "|Latih cara membuang napas lewat hidung di dalam air."
     "|Berlatih mengapung sambil berpegangan pada tepi kolam."
     "|Pelajari gerakan kaki dengan bantuan papan pelampung."
     "|Tambahkan gerakan tangan setelah gerakan kaki terasa lancar."
     "|Gabungkan gerakan tangan, kaki, dan pernapasan untuk jarak pendek."
     "|Tambah jarak renang sedikit demi sedikit setiap kali latihan.",
     "Berlatihlah bersama pelatih atau teman yang sudah mahir."
     "|Jangan berenang sendirian di laut atau sungai."),
    ("membuat kompos",
     "Sediakan wadah bertutup atau lubang tanah di halaman."
     "|Kumpulkan sampah hijau seperti sisa sayur dan kulit buah."
     "|Siapkan sampah cokelat seperti daun kering dan serbuk gergaji."
     "|Susun sampah hijau dan cokelat secara berlapis."
     "|Percikkan air agar tumpukan lembap tetapi tidak basah."
     "|Tambahkan sedikit tanah atau kompos lama sebagai pemicu."
     "|Aduk tumpukan seminggu sekali agar udara masuk."
     "|Tunggu sekitar dua bulan hingga bahan berubah hitam dan remah."
     "|Ayak kompos sebelum dipakai untuk tanaman.",
     "Jangan memasukkan daging, tulang, atau minyak."
     "|Bau busuk tandanya tumpukan terlalu basah, jadi tambahkan daun kering."),
    ("mengganti ban sepeda",
     "Balik sepeda agar roda mudah dilepas."
     "|Buka rem bila perlu, lalu lepaskan roda dari rangka."
     "|Kempiskan sisa angin di ban dalam sepenuhnya."
     "|Congkel bibir ban luar dengan pencongkel plastik."
     "|Tarik ban dalam keluar dan cari penyebab bocornya."
     "|Raba bagian dalam ban luar untuk mencari paku atau kawat."
     "|Pasang ban dalam baru yang sudah diberi sedikit angin."
     "|Masukkan kembali bibir ban luar ke pelek dengan tangan."
     "|Pompa ban sesuai tekanan yang tertulis di dinding ban.",
     "Bawa ban cadangan dan pompa kecil saat bersepeda jauh."
     "|Hindari memakai obeng karena bisa melukai ban dalam."),
    ("menulis surat lamaran kerja",
     "Baca lowongan dengan teliti dan catat syarat yang diminta."
     "|Tulis tempat, tanggal, dan alamat perusahaan di bagian atas."
     "|Gunakan salam pembuka yang sopan dan formal."
     "|Sebutkan posisi yang dilamar dan sumber informasi lowongan."
     "|Perkenalkan diri singkat beserta pendidikan terakhir."
     "|Jelaskan pengalaman dan keterampilan yang sesuai dengan posisi itu."
     "|Cantumkan daftar berkas yang dilampirkan."
     "|Tutup dengan harapan diundang wawancara dan ucapan terima kasih."
     "|Periksa ejaan sebelum surat dikirim.",
     "Buat surat khusus untuk setiap perusahaan."
     "|Usahakan surat tidak lebih dari satu halaman."),
    ("menyiapkan presentasi",
     "Tentukan tujuan presentasi dan siapa pendengarnya."
     "|Susun kerangka berisi pembukaan, isi, dan penutup."
     "|Kumpulkan data dan contoh yang mendukung pesan utama."
     "|Buat slide sederhana dengan sedikit teks dan huruf besar."
     "|Tambahkan gambar atau grafik bila membantu penjelasan."
     "|Latih presentasi dengan suara keras sambil mengukur waktu."
     "|Minta teman mendengarkan dan memberi masukan."
     "|Siapkan jawaban untuk pertanyaan yang mungkin muncul."
     "|Periksa proyektor dan berkas slide sebelum acara dimulai.",
     "Simpan salinan slide di flashdisk dan surel."
     "|Tatap mata pendengar, jangan hanya membaca slide."),
    ("merawat kucing",
     "Sediakan makanan kucing yang sesuai dengan usianya."
     "|Beri air minum bersih dan ganti setiap hari."
     "|Siapkan kotak pasir dan bersihkan kotorannya setiap hari."
     "|Sisir bulunya secara rutin agar tidak kusut."
     "|Potong kukunya dengan gunting khusus bila sudah panjang."
     "|Bawa kucing ke dokter hewan untuk vaksinasi."
     "|Berikan obat cacing sesuai jadwal dari dokter."
     "|Ajak kucing bermain setiap hari agar tidak bosan."
     "|Sediakan tempat tidur yang hangat dan tenang.",
     "Jangan memberi susu sapi karena bisa membuat kucing diare."
     "|Pertimbangkan sterilisasi untuk mencegah kelahiran yang tidak direncanakan."),
    ("memasak nasi goreng",
     "Gunakan nasi sisa semalam yang sudah dingin."
     "|Iris bawang merah, bawang putih, dan cabai."
     "|Panaskan sedikit minyak di wajan dengan api sedang."
     "|Tumis bumbu sampai harum dan berwarna kekuningan."
     "|Masukkan telur, lalu orak-arik hingga setengah matang."
     "|Tambahkan nasi dan aduk rata dengan bumbu."
     "|Bumbui dengan kecap manis, garam, dan sedikit merica."
     "|Masak sambil terus diaduk hingga nasi terasa kering."
     "|Sajikan dengan irisan timun dan kerupuk.",
     "Nasi yang terlalu lembek membuat hasilnya menggumpal."
     "|Api besar di akhir memberi aroma sangit yang khas."),
    ("membuat teh jahe",
     "Pilih jahe yang segar dan tidak keriput."
     "|Cuci jahe lalu bakar sebentar di atas api."
     "|Memarkan jahe agar sarinya mudah keluar."
     "|Rebus air bersama jahe selama sepuluh menit."
     "|Tambahkan daun teh atau sekantong teh celup."
     "|Diamkan dua menit sampai warnanya pekat."
     "|Saring ke dalam gelas."
     "|Tambahkan gula merah atau madu sesuai selera.",
     "Sebatang serai menambah aroma yang menenangkan."
     "|Minum selagi hangat saat cuaca dingin."),
    ("mencuci pakaian dengan tangan",
     "Pisahkan pakaian putih, berwarna, dan yang mudah luntur."
     "|Baca label perawatan di setiap pakaian."
     "|Larutkan deterjen di ember berisi air."
     "|Rendam pakaian sekitar tiga puluh menit."
     "|Kucek bagian kerah dan ketiak yang paling kotor."
     "|Bilas dengan air bersih sampai busanya hilang."
     "|Peras pakaian perlahan tanpa memelintir terlalu keras."
     "|Jemur di tempat yang berangin dan tidak terlalu terik.",
     "Balik pakaian berwarna saat dijemur agar tidak pudar."
     "|Jangan merendam pakaian terlalu lama karena bisa berbau."),
    ("membuat layang-layang",
     "Siapkan bambu tipis, benang, kertas minyak, dan lem."
     "|Raut dua bilah bambu hingga halus dan lentur."
     "|Ikat kedua bilah membentuk tanda tambah."
     "|Pastikan kedua sisi rangka sama berat."
     "|Hubungkan ujung-ujung rangka dengan benang."
     "|Tempelkan kertas pada rangka, sisakan lipatan di tepinya."
     "|Pasang tali kama di dua titik pada bilah tegak."
     "|Tambahkan ekor dari potongan kertas agar stabil.",
     "Terbangkan di lapangan terbuka yang jauh dari kabel listrik."
     "|Uji keseimbangan dengan menggantungnya pada satu jari."),
    ("menghemat listrik di rumah",
     "Matikan lampu ketika meninggalkan ruangan."
     "|Cabut pengisi daya yang tidak sedang dipakai."
     "|Ganti bohlam lama dengan lampu LED."
     "|Atur suhu pendingin ruangan sekitar 25 derajat."
     "|Buka jendela siang hari agar cahaya alami masuk."
     "|Jangan membuka kulkas terlalu lama atau terlalu sering."
     "|Setrika pakaian sekaligus dalam jumlah banyak."
     "|Pantau pemakaian listrik setiap bulan.",
     "Pilih peralatan yang berlabel hemat energi."
     "|Ajak seluruh anggota keluarga ikut berhemat."),
    ("membersihkan kamar mandi",
     "Buka jendela atau nyalakan kipas agar udara mengalir."
     "|Pakai sarung tangan karet dan sandal."
     "|Singkirkan sabun, sampo, dan barang lain dari lantai."
     "|Semprotkan cairan pembersih ke dinding dan kloset."
     "|Gosok nat keramik dengan sikat kecil."
     "|Bersihkan kloset bagian dalam dan luar."
     "|Bilas seluruh permukaan dengan air bersih."
     "|Keringkan lantai dengan alat pel agar tidak licin.",
     "Jangan mencampur cairan pembersih yang berbeda jenis."
     "|Bersihkan seminggu sekali agar kerak tidak menumpuk."),
    ("menjaga kesehatan mata",
     "Istirahatkan mata setiap dua puluh menit menatap layar."
     "|Alihkan pandangan ke benda yang jauh selama beberapa detik."
     "|Atur jarak layar sekitar satu lengan dari wajah."
     "|Gunakan penerangan yang cukup saat membaca."
     "|Makan sayur hijau, wortel, dan ikan secara teratur."
     "|Kenakan kacamata hitam ketika matahari terik."
     "|Jangan mengucek mata dengan tangan yang kotor."
     "|Periksakan mata ke dokter setahun sekali.",
     "Kedipkan mata lebih sering agar tidak kering."
     "|Kurangi bermain ponsel di tempat gelap."),
    ("belajar bahasa Inggris sendiri",
     "Tentukan tujuan belajar, misalnya untuk kerja atau kuliah."
     "|Hafalkan sepuluh kosakata baru setiap hari."
     "|Dengarkan lagu atau siniar berbahasa Inggris."
     "|Tonton film dengan subtitel bahasa Inggris."
     "|Baca artikel pendek dan tandai kata yang sulit."
     "|Tulis buku harian singkat dalam bahasa Inggris."
     "|Latih berbicara di depan cermin atau dengan teman."
     "|Ulangi materi lama setiap akhir pekan.",
     "Jangan takut salah saat berbicara."
     "|Belajar sedikit tetapi rutin lebih baik daripada banyak sekaligus."),
    ("membuat anggaran bulanan",
     "Catat seluruh pemasukan dalam satu bulan."
     "|Daftar pengeluaran tetap seperti sewa, listrik, dan cicilan."
     "|Perkirakan pengeluaran tidak tetap seperti makan dan transportasi."
     "|Sisihkan tabungan di awal, bukan dari sisa uang."
     "|Siapkan dana darurat sedikit demi sedikit."
     "|Bagi uang ke dalam amplop atau rekening sesuai pos."
     "|Catat setiap pengeluaran harian."
     "|Evaluasi anggaran di akhir bulan dan perbaiki bila perlu.",
     "Gunakan aplikasi pencatat keuangan agar lebih praktis."
     "|Bedakan antara kebutuhan dan keinginan."),
    ("menyiapkan tas siaga bencana",
     "Pilih tas punggung yang kuat dan tahan air."
     "|Masukkan air minum dan makanan tahan lama untuk tiga hari."
     "|Siapkan senter, baterai cadangan, dan peluit."
     "|Bawa kotak obat berisi plester, perban, dan obat pribadi."
     "|Simpan salinan dokumen penting di plastik kedap air."
     "|Tambahkan pakaian ganti, selimut tipis, dan masker."
     "|Sertakan uang tunai secukupnya."
     "|Letakkan tas di dekat pintu agar mudah diambil.",
     "Periksa tanggal kedaluwarsa makanan setiap enam bulan."
     "|Sepakati titik kumpul dengan seluruh anggota keluarga."),
    ("memelihara ikan cupang",
     "Siapkan wadah kaca atau toples berukuran cukup lapang."
     "|Isi dengan air yang sudah diendapkan semalam."
     "|Tambahkan daun ketapang kering agar air lebih sehat."
     "|Masukkan ikan perlahan agar tidak kaget."
     "|Beri makan cacing atau pelet sedikit, dua kali sehari."
     "|Buang sisa makanan yang tidak dimakan."
     "|Ganti sebagian air setiap tiga hari."
     "|Jauhkan wadah dari sinar matahari langsung.",
     "Jangan menyatukan dua cupang jantan dalam satu wadah."
     "|Tutup wadah karena cupang bisa melompat keluar."),
    ("membuat kue dadar gulung",
     "Siapkan tepung terigu, telur, santan, garam, dan air daun suji."
     "|Kocok telur, lalu masukkan tepung dan santan bergantian."
     "|Saring adonan agar tidak bergerindil."
     "|Masak kelapa parut dengan gula merah hingga menjadi unti."
     "|Panaskan wajan datar dan olesi sedikit minyak."
     "|Tuang satu sendok sayur adonan, lalu ratakan tipis."
     "|Angkat kulit dadar ketika pinggirnya mulai terlepas."
     "|Isi dengan unti, lipat sisi kanan kiri, lalu gulung.",
     "Gunakan api kecil agar kulit tidak gosong."
     "|Tambahkan sejumput garam pada unti agar rasanya seimbang."),
    ("mengurangi sampah plastik",
     "Bawa tas belanja kain setiap pergi ke pasar."
     "|Gunakan botol minum dan wadah makan sendiri."
     "|Tolak sedotan plastik saat membeli minuman."
     "|Pilih produk isi ulang atau kemasan besar."
     "|Belanja sayur dan buah tanpa bungkus plastik."
     "|Manfaatkan kembali plastik yang masih layak pakai."
     "|Pilah sampah plastik bersih untuk bank sampah."
     "|Ajak keluarga dan tetangga melakukan hal yang sama.",
     "Simpan tas kain di motor atau tas kerja agar tidak lupa."
     "|Mulailah dari satu kebiasaan kecil terlebih dahulu."),
    ("membuat blog pribadi",
     "Tentukan topik yang kamu sukai dan kuasai."
     "|Pilih platform blog yang mudah digunakan."
     "|Buat nama blog yang singkat dan mudah diingat."
     "|Pilih tampilan sederhana yang nyaman dibaca."
     "|Tulis halaman tentang diri sendiri."
     "|Susun jadwal menulis, misalnya seminggu sekali."
     "|Tambahkan gambar buatan sendiri atau yang bebas dipakai."
     "|Bagikan tulisan ke media sosial dan balas komentar pembaca.",
     "Utamakan isi yang bermanfaat daripada jumlah tulisan."
     "|Jangan menyalin tulisan orang lain tanpa izin."),
    ("menghadapi wawancara kerja",
     "Pelajari profil dan kegiatan perusahaan."
     "|Baca kembali lowongan dan sesuaikan dengan pengalamanmu."
     "|Latih jawaban untuk pertanyaan yang umum."
     "|Siapkan contoh nyata tentang keberhasilan dan tantanganmu."
     "|Pilih pakaian rapi yang sesuai dengan suasana kantor."
     "|Datang lima belas menit lebih awal."
     "|Jawab dengan jujur, jelas, dan tidak bertele-tele."
     "|Ajukan satu atau dua pertanyaan di akhir wawancara."
     "|Kirim ucapan terima kasih singkat setelah wawancara.",
     "Matikan nada dering ponsel sebelum masuk ruangan."
     "|Tarik napas dalam bila mulai merasa gugup."),
    ("tidur lebih nyenyak",
     "Tidur dan bangun pada jam yang sama setiap hari."
     "|Hindari kopi dan teh pekat pada sore hari."
     "|Matikan layar ponsel satu jam sebelum tidur."
     "|Buat kamar gelap, sejuk, dan tenang."
     "|Jangan makan terlalu banyak menjelang tidur."
     "|Lakukan kegiatan santai seperti membaca buku."
     "|Berolahraga ringan di pagi atau sore hari."
     "|Tulis hal yang mengganggu pikiran di kertas sebelum tidur.",
     "Batasi tidur siang tidak lebih dari tiga puluh menit."
     "|Temui dokter bila susah tidur berlangsung berminggu-minggu."),
    ("menanam sayur hidroponik sederhana",
     "Siapkan botol bekas, kain flanel, dan rockwool."
     "|Potong botol menjadi dua bagian."
     "|Semai benih kangkung atau sawi di rockwool basah."
     "|Pasang kain flanel sebagai sumbu di leher botol."
     "|Isi bagian bawah botol dengan larutan nutrisi."
     "|Pindahkan bibit yang berdaun dua ke bagian atas botol."
     "|Letakkan botol di tempat yang cukup cahaya."
     "|Tambahkan larutan nutrisi ketika mulai berkurang.",
     "Tutup bagian bawah botol agar tidak berlumut."
     "|Kangkung bisa dipanen sekitar satu bulan setelah tanam."),
    ("menjahit kancing baju",
     "Pilih benang yang warnanya sama dengan baju."
     "|Masukkan benang ke jarum dan buat simpul di ujungnya."
     "|Tandai letak kancing dengan kapur jahit."
     "|Tusukkan jarum dari bagian dalam kain."
     "|Masukkan jarum melalui lubang kancing secara bergantian."
     "|Ulangi lima sampai enam kali agar kuat."
     "|Lilitkan benang di bawah kancing beberapa kali."
     "|Kunci jahitan di bagian dalam, lalu potong sisa benang.",
     "Selipkan tusuk gigi di bawah kancing agar jahitan tidak terlalu ketat."
     "|Simpan kancing cadangan di kotak jahit."),
    ("belajar efektif menjelang ujian",
     "Buat jadwal belajar sejak dua minggu sebelum ujian."
     "|Bagi materi menjadi bagian-bagian kecil."
     "|Belajar di tempat yang tenang dan jauh dari ponsel."
     "|Buat ringkasan atau peta konsep dengan kata-katamu sendiri."
     "|Kerjakan soal latihan dari ujian tahun sebelumnya."
     "|Jelaskan materi kepada teman untuk menguji pemahaman."
     "|Istirahat lima menit setiap selesai belajar setengah jam."
     "|Tidur cukup pada malam sebelum ujian.",
     "Jangan belajar semalam suntuk menjelang ujian."
     "|Sarapan sebelum berangkat agar tetap fokus."),
    ("merapikan lemari pakaian",
     "Keluarkan semua isi lemari."
     "|Bersihkan rak dan laci dari debu."
     "|Pilah pakaian menjadi disimpan, disumbangkan, dan dibuang."
     "|Kelompokkan pakaian berdasarkan jenisnya."
     "|Gantung kemeja dan pakaian yang mudah kusut."
     "|Lipat kaus dan celana dengan ukuran seragam."
     "|Letakkan pakaian yang sering dipakai di rak paling mudah dijangkau."
     "|Masukkan kapur barus atau kantong pewangi.",
     "Terapkan aturan satu masuk, satu keluar saat membeli baju baru."
     "|Gunakan kotak kecil untuk kaus kaki dan pakaian dalam."),
    ("membuat video pendek dengan ponsel",
     "Tentukan pesan yang ingin disampaikan."
     "|Tulis naskah atau daftar adegan secara singkat."
     "|Bersihkan lensa kamera ponsel."
     "|Rekam di tempat yang terang, sebaiknya dengan cahaya alami."
     "|Pegang ponsel dengan stabil atau gunakan tripod."
     "|Ambil beberapa gambar dari sudut berbeda."
     "|Sunting video dengan aplikasi dan buang bagian yang tidak perlu."
     "|Tambahkan musik dan teks, lalu unggah.",
     "Gunakan mikrofon kecil agar suara lebih jernih."
     "|Pakai musik yang bebas royalti."),
    ("mendaki gunung untuk pertama kali",
     "Pilih gunung yang jalurnya ramah bagi pemula."
     "|Latih fisik dengan jalan kaki atau lari sebulan sebelumnya."
     "|Cari teman atau pemandu yang berpengalaman."
     "|Siapkan sepatu, jaket, jas hujan, dan senter."
     "|Bawa makanan dan air minum secukupnya."
     "|Daftarkan diri di pos pendakian."
     "|Berjalan dengan tempo pelan dan teratur."
     "|Bawa turun kembali semua sampahmu.",
     "Segera turun bila cuaca memburuk."
     "|Beri tahu keluarga rencana dan jadwal pendakian."),
    ("memperbaiki keran yang bocor",
     "Tutup katup air utama."
     "|Buka keran untuk membuang sisa air di pipa."
     "|Lepaskan kepala keran dengan kunci inggris."
     "|Periksa karet seal di dalam keran."
     "|Ganti karet yang aus dengan ukuran yang sama."
     "|Lilitkan seal tape pada ulir keran."
     "|Pasang kembali keran dan kencangkan secukupnya."
     "|Buka katup utama dan periksa apakah masih menetes.",
     "Bawa karet lama ke toko bangunan agar ukurannya tepat."
     "|Jangan mengencangkan terlalu keras karena ulir bisa rusak."),
    ("menjual barang bekas secara daring",
     "Pilih barang yang masih layak dan bersihkan."
     "|Foto barang di tempat terang dari beberapa sisi."
     "|Cari tahu harga pasaran barang serupa."
     "|Tulis judul iklan yang jelas dan jujur."
     "|Jelaskan kondisi barang, termasuk kekurangannya."
     "|Unggah iklan di aplikasi jual beli atau grup komunitas."
     "|Balas pertanyaan calon pembeli dengan cepat dan sopan."
     "|Pilih cara pembayaran dan pengiriman yang aman.",
     "Bertemulah di tempat umum bila transaksi langsung."
     "|Waspadai pembeli yang meminta kode OTP."),
    ("merawat tanaman hias",
     "Kenali kebutuhan cahaya tanamanmu."
     "|Gunakan pot yang memiliki lubang pembuangan air."
     "|Siram ketika permukaan tanah mulai kering."
     "|Bersihkan debu pada daun dengan kain lembap."
     "|Beri pupuk cair sebulan sekali."
     "|Pangkas daun yang kering atau layu."
     "|Putar pot sesekali agar tanaman tumbuh seimbang."
     "|Pindahkan ke pot lebih besar bila akar sudah penuh.",
     "Terlalu banyak air lebih berbahaya daripada kekurangan air."
     "|Periksa bagian bawah daun untuk mencari hama."),
]

WIKIHOW_COUNTS: list[tuple[str, int]] = [
    ("wikihow_0", 50), ("wikihow_1", 35), ("wikihow_2", 20),
]

# --- indo_puisi banks ---

# Imagery lines that fit almost any theme.
GENERIC_LINES: list[str] = [
    "angin berbisik pelan di sela daun",
    "waktu berjalan tanpa pernah menoleh",
    "langit menyimpan warna yang tak bernama",
    "aku diam mendengar detak yang tenang",
    "cahaya tumbuh pelan di ujung jendela",
    "ada doa terselip di antara napas",
    "bayang-bayang memanjang di tanah basah",
    "yang sederhana terasa begitu dekat",
    "burung-burung pulang membawa cerita",
    "embun menggantung di ujung rumput",
    "jalan setapak mengingat langkah kita",
    "di dada, sunyi berubah menjadi lagu",
    "awan berarak seperti surat yang belum terbaca",
    "aku belajar sabar dari detik yang lewat",
    "suara jangkrik menjahit malam",
    "setitik harapan menyala di kejauhan",
    "kenangan mengetuk pintu tanpa suara",
    "matahari menyentuh pipi dengan hangat",
    "daun gugur menari sebelum tiba di tanah",
    "ada rindu yang tak sempat kuucapkan",
    "hari-hari lewat seperti arus sungai",
    "kita menunggu dengan tangan terbuka",
    "bulan sabit mengintip dari balik awan",
    "harum tanah naik dari pori-pori bumi",
    "lampu-lampu kecil menyala satu per satu",
    "aku menulis namamu di udara",
    "setiap pagi adalah halaman baru",
    "hening datang seperti sahabat lama",
]

# (theme, title, theme lines separated by "|")
THEMES: list[tuple[str, str, str]] = [
    ("hujan di kota", "Kota yang Basah",
     "payung-payung mekar di trotoar|klakson bersahutan di bawah gerimis"
     "|genangan memantulkan lampu jalan|atap seng bernyanyi sepanjang sore"
     "|kota mencuci debunya perlahan"),
    ("ibu", "Tangan Ibu",
     "tangan ibu wangi bawang dan doa|ia bangun sebelum ayam berkokok"
     "|nasihatnya sederhana namun tak lekang|di matanya aku selalu pulang"
     "|ibu menjahit lelah menjadi senyum"),
    ("sawah pagi hari", "Pagi di Pematang",
     "padi hijau berbaris menyambut fajar|kabut tipis menyelimuti pematang"
     "|petani menggulung celana hingga lutut|kerbau melangkah tenang di lumpur"
     "|bulir padi merunduk dengan rendah hati"),
    ("laut", "Biru yang Luas",
     "ombak datang membawa asin yang sama|perahu nelayan mengecil di cakrawala"
     "|pasir menyimpan jejak kaki anak-anak|laut tak pernah lelah bernyanyi"
     "|garis biru memisahkan langit dan air"),
    ("rindu kampung halaman", "Jalan Pulang",
     "aku rindu azan dari surau kecil|rumah panggung di tepi sungai menunggu"
     "|bau kayu bakar dari dapur nenek|jalan berbatu menuju rumah masih kuhafal"
     "|kampung memanggil lewat mimpi-mimpi"),
    ("guru", "Pelita Kelas",
     "kapur putih menari di papan hitam|guru menanam ilmu tanpa menuntut panen"
     "|suaranya sabar mengulang yang belum paham|dari tangannya lahir para pemimpi"
     "|namanya tersimpan di setiap huruf yang kubaca"),
    ("senja di pelabuhan", "Dermaga Sore",
     "kapal-kapal merapat membawa lelah|langit jingga tumpah di permukaan air"
     "|tali tambat berderit pelan|burung camar pulang ke sarang"
     "|lampu mercusuar mulai berkedip"),
    ("ayah", "Bahu Ayah",
     "ayah berangkat saat jalan masih gelap|keringatnya menjadi atap rumah kami"
     "|ia jarang bicara namun selalu ada|bahunya tempatku melihat dunia"
     "|diamnya menyimpan seribu cinta"),
    ("persahabatan", "Kawan",
     "kita tumbuh dari tawa yang sama|sahabat adalah payung di musim hujan"
     "|rahasia kita tersimpan di bangku sekolah|jarak tak mampu memutus cerita"
     "|genggamanmu menguatkan langkahku"),
    ("pasar tradisional", "Pagi di Pasar",
     "pedagang menata cabai merah menyala|tawar-menawar riuh sejak subuh"
     "|bau ikan segar dan rempah berbaur|ibu-ibu menjinjing keranjang penuh"
     "|pasar adalah napas kampung yang hidup"),
    ("gunung", "Puncak",
     "gunung berdiri seperti penjaga tua|kabut turun memeluk lereng"
     "|pendaki menghitung langkah menuju puncak|pinus berbaris di sepanjang jalur"
     "|dari atas, dunia tampak begitu kecil"),
    ("malam di desa", "Malam Kampung",
     "lampu minyak berkelip di beranda|katak bernyanyi di parit sawah"
     "|bintang bertebaran tanpa terhalang|anak-anak mengaji di surau"
     "|desa tertidur dalam pelukan gelap"),
    ("kemerdekaan", "Merah Putih",
     "merah putih berkibar di tiang bambu|darah pahlawan menjadi tanah air kita"
     "|lomba panjat pinang riuh di lapangan|merdeka adalah janji untuk terus bekerja"
     "|kita jaga negeri ini dengan hati"),
    ("pohon beringin tua", "Beringin",
     "beringin tua berdiri di tengah alun-alun|akarnya menggenggam tanah dengan setia"
     "|di bawah rindangnya orang-orang berteduh|ia menyaksikan zaman berganti"
     "|daunnya berbisik tentang masa lalu"),
    ("kereta api", "Perjalanan",
     "roda besi berdendang di atas rel|stasiun kecil lewat seperti kenangan"
     "|penumpang tertidur bersandar pada jendela|sawah dan bukit berlari ke belakang"
     "|peluit panjang memanggil keberangkatan"),
    ("bulan purnama", "Purnama",
     "bulan bulat menggantung di atas genteng|cahayanya perak di permukaan kolam"
     "|anak-anak bermain petak umpet di halaman|malam terasa lebih ramah"
     "|purnama menyalakan lampu untuk semua"),
    ("hutan", "Hutan Hujan",
     "pepohonan tinggi menyentuh awan|suara burung enggang bergema"
     "|lumut hijau menyelimuti batang tua|sungai kecil mengalir di antara akar"
     "|hutan adalah paru-paru bumi kita"),
    ("nenek", "Cerita Nenek",
     "nenek mendongeng di bawah lampu temaram|kerut wajahnya adalah peta perjalanan"
     "|ia menyimpan permen di saku kebayanya|tangannya lembut mengusap rambutku"
     "|doanya mengiringi setiap kepergianku"),
    ("musim kemarau", "Kemarau",
     "tanah retak menunggu hujan|sumur-sumur menyusut perlahan"
     "|debu beterbangan di jalan desa|petani menatap langit dengan cemas"
     "|daun jati gugur satu demi satu"),
    ("sekolah", "Bangku Kayu",
     "lonceng berbunyi memanggil pagi|bangku kayu penuh coretan nama"
     "|kami berlari di halaman saat istirahat|buku-buku membuka jendela dunia"
     "|sekolah menanam mimpi di kepala kami"),
    ("harapan", "Esok",
     "harapan adalah benih kecil di dada|ia tumbuh meski tanah gersang"
     "|esok selalu membawa kesempatan baru|kita melangkah walau jalan berliku"
     "|cahaya kecil cukup untuk mengusir gelap"),
    ("sungai", "Arus",
     "sungai mengalir membawa cerita hulu|anak-anak berenang di tepiannya"
     "|batu-batu licin berlumut hijau|air jernih memantulkan langit"
     "|ia tak pernah berhenti menuju laut"),
    ("pagi di kota", "Kota Terjaga",
     "penjual bubur mendorong gerobak|jalan raya mulai dipenuhi motor"
     "|aroma kopi keluar dari warung|anak sekolah berjalan bergandengan"
     "|kota menggeliat dari tidurnya"),
    ("secangkir kopi", "Secangkir Kopi",
     "kopi hitam mengepul di cangkir retak|pahitnya mengajarkan arti sabar"
     "|obrolan mengalir di warung sederhana|ampas di dasar cangkir menyimpan cerita"
     "|secangkir kopi menyatukan yang jauh"),
    ("petani", "Tangan Petani",
     "petani mencangkul sebelum matahari tinggi|lumpur adalah sahabat kakinya"
     "|ia menanam dengan doa dan peluh|panen adalah syukur yang dibagi"
     "|dari tangannya nasi sampai di piring kita"),
    ("perpisahan", "Lambaian",
     "lambaian tangan di ujung peron|kata-kata tertahan di tenggorokan"
     "|perpisahan adalah jeda, bukan akhir|kita menyimpan janji untuk bertemu"
     "|air mata jatuh tanpa suara"),
    ("pelangi", "Jembatan Warna",
     "pelangi melengkung setelah hujan reda|tujuh warna menghias langit"
     "|anak-anak menunjuk sambil bersorak|ia datang sebentar lalu menghilang"
     "|keindahan sering lahir dari badai"),
    ("waktu", "Detik",
     "jarum jam berputar tanpa kompromi|waktu tak bisa dibeli kembali"
     "|hari ini akan menjadi kenangan esok|gunakan detik dengan sebaik-baiknya"
     "|usia berjalan seperti bayangan sore"),
    ("pantai di pagi hari", "Pantai Pagi",
     "matahari terbit dari balik ombak|nelayan menarik jala bersama-sama"
     "|kepiting kecil berlari ke lubangnya|pasir masih dingin di telapak kaki"
     "|angin laut membawa bau garam"),
    ("tanah air", "Nusantara",
     "pulau-pulau bertaburan seperti permata|bahasa kita beragam namun satu"
     "|dari Sabang sampai Merauke kita bersaudara|gunung dan laut menjadi saksi"
     "|tanah air adalah rumah bagi semua"),
]

# (recipient as written in the request, dedication line in the poem)
RECIPIENTS: list[tuple[str, str]] = [
    ("ibu saya", "Untuk Ibu"), ("ayah saya", "Untuk Ayah"),
    ("sahabat saya", "Untuk sahabatku"), ("adik saya", "Untuk adikku"),
    ("guru saya", "Untuk guruku"), ("nenek saya", "Untuk Nenek"),
    ("teman sekelas saya", "Untuk teman sekelasku"), ("kakak saya", "Untuk kakakku"),
]

NUMBER_WORDS: dict[int, str] = {2: "dua", 3: "tiga", 4: "empat", 5: "lima"}

PUISI_COUNTS: list[tuple[str, int]] = [
    ("indo_puisi_0", 35), ("indo_puisi_1", 25), ("indo_puisi_2", 12),
]

# --- helpers ---


def _words(*texts: str) -> int:
    return sum(len(t.split()) for t in texts)


def _pick_ordered(rng: random.Random, items: list[str], n: int) -> list[str]:
    """Pick ``n`` items keeping their original order (steps must stay in order)."""
    if n >= len(items):
        return list(items)
    return [items[i] for i in sorted(rng.sample(range(len(items)), n))]


def _render_howto(intro: str, steps: list[str], extras: list[list[str]],
                  tips: list[str], closing: str) -> str:
    lines = [" ".join([f"{i}. {s}"] + ex) for i, (s, ex) in enumerate(zip(steps, extras, strict=True), 1)]
    parts = [intro] if intro else []
    parts.append("\n".join(lines))
    if tips:
        parts.append("Tips:\n" + "\n".join(f"- {t}" for t in tips))
    if closing:
        parts.append(closing)
    return "\n\n".join(parts)


def _howto_answer(rng: random.Random, question: str, task: tuple[str, str, str],
                  length: str) -> str:
    """Build a numbered answer; ``length`` is short, medium, long or very_long."""
    name, step_text, tip_text = task
    steps, tips = step_text.split("|"), tip_text.split("|")
    intro = rng.choice(INTROS).format(task=name)
    if length == "short":
        chosen = _pick_ordered(rng, steps, 3)
        return _render_howto(intro if rng.random() < 0.3 else "", chosen,
                             [[] for _ in chosen], [], "")
    if length == "medium":
        chosen = _pick_ordered(rng, steps, rng.randint(4, min(7, len(steps))))
        use_tips = rng.sample(tips, rng.randint(1, 2)) if rng.random() < 0.5 else []
        return _render_howto(intro if rng.random() < 0.6 else "", chosen,
                             [[] for _ in chosen], use_tips, "")
    target = 365 if length == "very_long" else 245
    closing = rng.choice(CLOSINGS)
    extras: list[list[str]] = [[] for _ in steps]
    pool = rng.sample(EXPLANATIONS, len(EXPLANATIONS))
    for k, sentence in enumerate(pool):  # round-robin, no sentence used twice
        answer = _render_howto(intro, steps, extras, tips, closing)
        if _words(question, answer) > target:
            return answer
        extras[k % len(steps)].append(sentence)
    return _render_howto(intro, steps, extras, tips, " ".join(CLOSINGS))


def _add_unique(out: list[Row], seen: set[tuple[str, str]], make) -> None:
    """Call ``make()`` until it yields an unseen (input, output) pair, then store it."""
    for _ in range(50):
        row = make()
        if (row[2], row[3]) not in seen:
            seen.add((row[2], row[3]))
            out.append(row)
            return
    raise RuntimeError(f"could not build a unique row for {row[1]}")


# --- wikihow ---


def _wikihow_question(rng: random.Random, template: str, name: str) -> str:
    if template == "wikihow_0":
        return f"Bagaimana cara {name}?"
    if template == "wikihow_1":
        return f"Tolong jelaskan langkah-langkah {name}."
    context = f" {rng.choice(CONTEXTS)}" if rng.random() < 0.5 else ""
    return f"Saya ingin {name}.{context} Apa yang harus saya lakukan?"


def _wikihow_rows(rng: random.Random, out: list[Row], seen: set[tuple[str, str]]) -> None:
    templates = [t for t, n in WIKIHOW_COUNTS for _ in range(n)]
    lengths = ["long"] * 10 + ["very_long"] * 4 + ["short"] * 22
    lengths += ["medium"] * (len(templates) - len(lengths))
    rng.shuffle(lengths)
    order = rng.sample(TASKS, len(TASKS))
    for i, (template, length) in enumerate(zip(templates, lengths, strict=False)):  # lengths may run longer
        task = order[i % len(order)]

        def make(template: str = template, length: str = length,
                 task: tuple[str, str, str] = task) -> Row:
            question = _wikihow_question(rng, template, task[0])
            return ("wikihow", template, question, _howto_answer(rng, question, task, length))

        _add_unique(out, seen, make)

    for task in rng.sample(TASKS, 2):
        steps = _pick_ordered(rng, task[1].split("|"), 3)
        question = f"Jelaskan secara singkat cara {task[0]} dalam tiga langkah saja."
        answer = _render_howto("", steps, [[], [], []], [], "")
        _add_unique(out, seen, lambda q=question, a=answer: ("wikihow", "wikihow_3", q, a))

    name, step_text, tip_text = rng.choice(TASKS)
    items = tip_text.split("|") + [rng.choice(step_text.split("|"))]
    question = f"Apa saja hal penting yang perlu diperhatikan saat {name}?"
    answer = (f"Beberapa hal yang perlu diperhatikan saat {name}:\n\n"
              + "\n".join(f"{i}. {t}" for i, t in enumerate(items, 1)))
    _add_unique(out, seen, lambda: ("wikihow", "wikihow_4", question, answer))

# --- indo_puisi ---


def _compose_poem(rng: random.Random, theme_lines: str, n_stanzas: int) -> str:
    """Stanzas of four lines; every stanza gets at least one theme line."""
    own_bank = theme_lines.split("|")
    own = rng.sample(own_bank, min(len(own_bank), 2 * n_stanzas))
    generic = iter(rng.sample(GENERIC_LINES, 4 * n_stanzas - len(own)))
    stanzas: list[list[str]] = [[] for _ in range(n_stanzas)]
    for k, line in enumerate(own):
        stanzas[k % n_stanzas].append(line)
    for stanza in stanzas:
        while len(stanza) < 4:
            stanza.append(next(generic))
        rng.shuffle(stanza)
    return "\n\n".join("\n".join(line[0].upper() + line[1:] for line in s) for s in stanzas)


def _puisi_row(rng: random.Random, template: str,
               theme: tuple[str, str, str]) -> Row:
    tema, title, lines = theme
    if template == "indo_puisi_0":
        n = rng.randint(2, 4)
        prompt, head = f"Buatkan puisi tentang {tema}.", title if rng.random() < 0.5 else ""
    elif template == "indo_puisi_1":
        n = rng.randint(2, 5)
        prompt = f"Tuliskan sajak bertema {tema} dengan {NUMBER_WORDS[n]} bait."
        head = title if rng.random() < 0.4 else ""
    else:
        n = 2
        recipient, head = rng.choice(RECIPIENTS)
        prompt = f"Buat puisi pendek untuk {recipient} tentang {tema}."
    poem = _compose_poem(rng, lines, n)
    return ("indo_puisi", template, prompt, f"{head}\n\n{poem}" if head else poem)


def _puisi_rows(rng: random.Random, out: list[Row], seen: set[tuple[str, str]]) -> None:
    templates = [t for t, n in PUISI_COUNTS for _ in range(n)]
    order = rng.sample(THEMES, len(THEMES))
    for i, template in enumerate(templates):
        theme = order[i % len(order)]
        _add_unique(out, seen, lambda t=template, th=theme: _puisi_row(rng, t, th))

    for _theme, title, lines in rng.sample(THEMES, 2):
        prompt = f'Tulislah puisi berjudul "{title}".'
        answer = f"{title}\n\n{_compose_poem(rng, lines, 3)}"
        _add_unique(out, seen, lambda p=prompt, a=answer: ("indo_puisi", "indo_puisi_3", p, a))

    tema, title, lines = rng.choice(THEMES)
    prompt = (f"Saya sedang belajar menulis puisi. Tolong buatkan contoh puisi tentang "
              f"{tema}, lalu jelaskan maknanya dalam satu kalimat.")
    answer = (f"{title}\n\n{_compose_poem(rng, lines, 3)}\n\nMakna: Puisi ini mengajak "
              f"pembaca merenungkan {tema} lewat gambaran sederhana yang dekat "
              f"dengan kehidupan sehari-hari.")
    _add_unique(out, seen, lambda: ("indo_puisi", "indo_puisi_4", prompt, answer))


# --- entry point ---


def rows(rng: random.Random) -> list[Row]:
    """(subset_name, template_name, input, output) rows of the wikihow and indo_puisi subsets."""
    out: list[Row] = []
    seen: set[tuple[str, str]] = set()
    _wikihow_rows(rng, out, seen)
    _puisi_rows(rng, out, seen)
    assert len({(i, o) for _, _, i, o in out}) == len(out), "duplicate (input, output) pair"
    return out

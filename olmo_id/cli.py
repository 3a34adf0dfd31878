"""The `olmo-id` command: the course's functions from a terminal, with one-line errors (exit 2)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import numpy as np

from olmo_id import config, outputs
from olmo_id.errors import CourseError, OlmoIdError, UsageError

# argparse's complaints (Python 3.10-3.13 wording) in Indonesian; anything else is shown as argparse says it.
USAGE_MESSAGES = (
    (r"the following arguments are required: (.*)", "argumen wajib belum diberikan: {0}"),
    (r"one of the arguments (.*) is required", "berikan salah satu dari {0}"),
    (r"unrecognized arguments: (.*)", "argumen tidak dikenal: {0}"),
    (r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)", "{0}: pilihan {1} tidak dikenal; pilih dari {2}"),
    (r"argument (.+?): invalid int value: (.*)", "{0}: {1} bukan bilangan bulat"),
    (r"argument (.+?): invalid (\w+) value: (.*)", "{0}: {2} bukan nilai {1} yang sah"),
    (r"argument (.+?): expected one argument", "{0} butuh satu nilai"),
    (r"argument (.+?): expected (\d+) arguments", "{0} butuh {1} nilai"),
    (r"argument (.+?): not allowed with argument (.*)", "{0} tidak boleh dipakai bersama {1}; pilih salah satu"),
    (r"ambiguous option: (.*) could match (.*)", "opsi {0} ambigu, bisa berarti {1}"),
    (r"argument (.+?): (.*)", "{0}: {1}"),  # our own type checks (_path) already speak Indonesian
)


class Parser(argparse.ArgumentParser):
    """An argument parser whose complaints are one line in Indonesian, with a pointer to --help."""

    def error(self, message: str) -> NoReturn:
        """Raise UsageError instead of printing the usage and exiting."""
        for pattern, template in USAGE_MESSAGES:
            found = re.fullmatch(pattern, message)
            if found:
                message = template.format(*found.groups())
                break
        raise UsageError(f"{message} (lihat `{self.prog} --help`)")


def _path(value: str) -> str:
    """A path or Hub id given on the command line; an empty one would silently mean the current folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("kosong: sebutkan path berkas atau folder (atau id Hub)")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; user errors print one line and return 2, a failed notebook 1, Ctrl-C 130."""
    try:
        args = _parser().parse_args(argv)
        return args.handler(args)
    except OlmoIdError as error:
        print(f"olmo-id: galat: {_one_line(error)}", file=sys.stderr)
        return 2
    except CourseError as error:
        print(f"olmo-id: kursus berhenti: {_one_line(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as interrupt:
        print(f"olmo-id: dihentikan; {interrupt}" if str(interrupt) else "olmo-id: dihentikan.", file=sys.stderr)
        return 130


def _one_line(error: Exception) -> str:
    """An error's message on one line (its lines joined), or its type when it has no message."""
    return " ".join(line.strip() for line in str(error).splitlines() if line.strip()) or type(error).__name__


def _settings(pairs: list[list[str]] | None, **flags: object) -> dict[str, object]:
    """`-p KEY VALUE` pairs merged with the flags that name the same settings.

    One spelling given twice: the later value counts, as argparse does for a repeated flag. Two spellings of one
    setting (`--seed` and `-p seed`, `-p max-steps` and `-p max_steps`) that disagree: one line.
    """
    given: list[tuple[str, object, str]] = [(key.replace("-", "_"), value, f"-p {key}") for key, value in pairs or []]
    given += [(key, value, f"--{key.replace('_', '-')}") for key, value in flags.items() if value is not None]
    merged: dict[str, object] = {}
    spelled: dict[str, str] = {}
    for key, value, spelling in given:
        if key in merged and spelled[key] != spelling and _comparable(key, merged[key]) != _comparable(key, value):
            raise config.ConfigError(
                f"{key} diberikan dua kali dengan nilai berbeda ({spelled[key]} {merged[key]} dan {spelling} {value}); "
                "pakai satu saja"
            )
        if spelled.setdefault(key, spelling) == spelling:
            merged[key] = value
    return merged


def _comparable(key: str, value: object) -> object:
    """A setting's value as it will be used: typed when it is a Config field, else its text."""
    return config.coerce(key, value) if key in config.field_names() else str(value)


def _sample(args: argparse.Namespace) -> int:
    """`olmo-id sample`: the candidate pool of notebook 01 (cleaned, stratified) as one parquet file."""
    from olmo_id import data

    if args.n is not None and args.n < 0:
        raise config.ConfigError(f"--n harus 0 (seluruh pool) atau lebih, bukan {args.n}")
    cfg = config.load(
        args.profile, source=args.source, pool_size=args.n, seed=args.seed, subsets=args.subsets,
        stratify_by=args.stratify_by, cache_dir=args.cache_dir,
    )
    outputs.check_file(args.out, "sample", [cfg.source])
    result = data.sample(cfg, use_cache=not args.no_cache)
    path = data.write_sample(result, args.out)
    print(result.pool.summary())
    print(result.strata.summary())
    origin = f" (dari cache {result.cache_file})" if result.from_cache else ""
    print(f"Pool kandidat {len(result.rows):,} baris ditulis ke {path}{origin}; "
          f"klaster dengan `olmo-id cluster --input {path}`.")
    return 0


def _cluster(args: argparse.Namespace) -> int:
    """`olmo-id cluster`: cluster a parquet file and optionally select a diverse subset."""
    from olmo_id import clustering

    k = None if args.k in (None, "auto") else _int_or_error("--k", args.k)
    cfg = config.load(args.profile, seed=args.seed, k=k, cluster_text=args.cluster_text)
    run = clustering.cluster_file(args.input, args.out, cfg, n_select=args.select)
    sizes = np.bincount(run.labels)
    print(f"{run.rows:,} baris, {run.choice.summary()}")
    print("Ukuran klaster: " + ", ".join(f"{c}:{size}" for c, size in enumerate(sizes)))
    if run.selection:
        print(run.selection.summary())
    print(f"Hasil ditulis ke {run.out}.")
    return 0


def _int_or_error(flag: str, value: str) -> int:
    """An integer flag value, or a one-line error naming the flag."""
    try:
        return int(value)
    except ValueError:
        raise config.ConfigError(f"{flag} harus 'auto' atau bilangan bulat, bukan '{value}'") from None


def _train(args: argparse.Namespace) -> int:
    """`olmo-id train`: LoRA-train on the selected rows of a parquet file; resumes from checkpoints in --out."""
    from olmo_id import training

    outputs.check_folder(args.out, "train", [args.data])
    settings = _settings(args.param, profile=args.profile, seed=args.seed, max_steps=args.max_steps)
    cfg = config.load(str(settings.pop("profile")), **settings)
    training.train(cfg, args.data, args.out)
    return 0


def _generate(args: argparse.Namespace) -> int:
    """`olmo-id generate`: one answer to one prompt, streamed to the terminal."""
    from olmo_id import inference

    if not args.prompt.strip():
        raise config.ConfigError("--prompt kosong: tulis pertanyaan atau instruksi")
    session = inference.ChatSession(inference.load_tuned(args.adapter, max_new_tokens=args.max_new_tokens))
    for piece in session.stream(args.prompt, greedy=args.greedy):
        print(piece, end="", flush=True)
    print()
    return 0


def _chat(args: argparse.Namespace) -> int:
    """`olmo-id chat`: a conversation in the terminal; /reset forgets it, /exit ends it."""
    from olmo_id import inference

    session = inference.ChatSession(inference.load_tuned(args.adapter, max_new_tokens=args.max_new_tokens))
    print("Ketik pesan. /reset untuk mulai percakapan baru, /exit untuk keluar.")
    while True:
        try:
            message = input("Kamu: ").strip()
        except EOFError:
            return 0
        if message == "/exit":
            return 0
        if message == "/reset":
            session.reset()
            print("(percakapan dimulai dari awal)")
            continue
        if not message:
            continue
        answer = session.stream(message)
        try:
            first = next(answer, "")
        except OlmoIdError as error:  # this message cannot be answered (e.g. too long); the conversation goes on
            print(f"olmo-id: galat: {_one_line(error)}", file=sys.stderr)
            continue
        print("Model:", first, sep="", end="", flush=True)
        for piece in answer:
            print(piece, end="", flush=True)
        print()


def _evaluate(args: argparse.Namespace) -> int:
    """`olmo-id evaluate`: base vs adapter on held-out rows, written to a results.json.

    The output, the adapter and the held-out rows are checked before the base model loads.
    """
    from olmo_id import evaluation, inference

    data = args.data or args.held_out
    outputs.check_file(args.out, "evaluate", [args.adapter, data])
    adapter = inference.check_adapter(args.adapter)
    trained = config.with_overrides(adapter.cfg, eval_per_subset=args.per_subset)
    rows = evaluation.held_out_rows(adapter.folder, data, trained.eval_per_subset, trained.seed,
                                    explicit=args.held_out is not None)
    tuned = inference.load_tuned(adapter, profile=args.profile, max_new_tokens=args.max_new_tokens,
                           eval_per_subset=args.per_subset)
    result = evaluation.evaluate(tuned, rows)
    path = evaluation.write_results(result, args.out)
    print(result.table().to_string())
    print(result.timing())
    print(f"{len(rows)} baris held-out; hasil ditulis ke {path}")
    return 0


def _benchmark(args: argparse.Namespace) -> int:
    """`olmo-id benchmark`: lm-evaluation-harness tasks, base vs adapter, written to a JSON file.

    Task names, the output and the adapter are checked before anything loads; the contamination check runs when
    the adapter's training file (its run card's, or --data) is at hand.
    """
    from olmo_id import benchmark, inference

    tasks = benchmark.check_tasks(args.tasks) if args.tasks is not None else None
    if args.limit is not None and args.limit <= 0:
        raise config.ConfigError(f"--limit harus lebih dari 0, bukan {args.limit}")
    outputs.check_file(args.out, "benchmark", [args.adapter, *([args.data] if args.data else [])])
    adapter = inference.check_adapter(args.adapter)
    data = args.data or benchmark.training_file(adapter.folder)
    texts = benchmark.training_texts(data) if data else None
    tuned = inference.load_tuned(adapter, profile=args.profile)
    result = benchmark.run(tuned, tasks, limit=args.limit)
    names = list(result.results["tasks"])
    contaminated = None if texts is None else benchmark.contamination(texts, names, result.results["limit"])
    path = benchmark.write_results(result, args.out, contaminated)
    print(result.table().to_string())
    if contaminated is None:
        print("cek kontaminasi dilewati: berkas latih adapter tidak ditemukan (beri --data clustered.parquet)")
    else:
        print(contaminated.drop(columns="overlapping").to_string())
        for name, clean in benchmark.clean_scores(result, contaminated).items():
            print(f"{name} tanpa butir yang tumpang tindih ({clean['n']} butir): dasar {clean['base']:.3f}, "
                  f"adapter {clean['adapter']:.3f}")
    print(result.timing())
    print(f"hasil ditulis ke {path}")
    return 0


def _site(args: argparse.Namespace) -> int:
    """`olmo-id site`: the static website of the lessons executed into a run folder (never executed again)."""
    from olmo_id import website

    index = website.build(args.run, args.out)
    print(f"Situs ditulis ke {index.parent}; buka {index} di browser, atau `python -m http.server -d {index.parent}`.")
    return 0


def _course(args: argparse.Namespace) -> int:
    """`olmo-id course`: execute every notebook headless into one run folder."""
    from olmo_id import runner

    only = [number for value in args.only or [] for number in value.split(",") if number]
    settings = _settings(args.param, profile=args.profile)
    profile = str(settings.pop("profile"))
    try:
        runs = runner.run_course(profile, args.out, {key: str(value) for key, value in settings.items()},
                                 only=only, start=args.start)
    except KeyboardInterrupt:
        folder = Path(args.out).expanduser().resolve()
        raise KeyboardInterrupt(f"notebook yang sudah selesai ada di {folder} (lihat {runner.RECORD})") from None
    print(runner.timing_table(runs))
    print(f"Kursus selesai: {len(runs)} notebook; hasil di {args.out} (waktu juga di course.json)")
    return 0


def _parser() -> argparse.ArgumentParser:
    """The argument parser with its sub-commands."""
    parser = Parser(prog="olmo-id", description="Kursus OLMo-1B berbahasa Indonesia.")
    commands = parser.add_subparsers(dest="command", metavar="perintah", required=True)

    sample = commands.add_parser("sample",
                                 help="pool kandidat (notebook 01): sampel bertingkat dari Cendol atau berkas lokal")
    sample.add_argument("--source", type=_path,
                        help="id dataset Hub, folder, atau berkas .jsonl/.parquet/.csv (bawaan: dari profil)")
    sample.add_argument("--n", type=int, help="jumlah baris kandidat, 0 = seluruh pool (bawaan: pool_size profil)")
    sample.add_argument("--seed", type=int, help="seed acak (bawaan: 42)")
    sample.add_argument("--out", required=True, help="berkas .parquet keluaran")
    sample.add_argument("--subsets", help="subset dipisah koma (bawaan: enam subset berbahasa Indonesia)")
    sample.add_argument("--stratify-by", help="kolom strata (bawaan: template_name)")
    sample.add_argument("--profile", default="smoke", choices=config.PROFILE_NAMES,
                        help="profil untuk nilai bawaan (bawaan: smoke)")
    sample.add_argument("--cache-dir", type=_path, help="folder cache (bawaan: $OLMO_ID_CACHE atau ~/.cache/olmo_id)")
    sample.add_argument("--no-cache", action="store_true", help="jangan baca atau tulis cache")
    sample.set_defaults(handler=_sample)

    cluster = commands.add_parser("cluster", help="klaster sebuah berkas parquet dan pilih baris yang beragam")
    cluster.add_argument("--input", type=_path, required=True,
                         help="pool kandidat .parquet (hasil `olmo-id sample` atau notebook 01)")
    cluster.add_argument("--out", required=True, help="berkas .parquet keluaran: semua kolom + cluster + selected")
    cluster.add_argument("--k", help="'auto' (metode siku) atau jumlah klaster (bawaan: auto)")
    cluster.add_argument("--select", type=int, help="jumlah baris latih yang dipilih (n_samples di notebook 02)")
    cluster.add_argument("--seed", type=int, help="seed acak (bawaan: 42)")
    cluster.add_argument("--cluster-text", choices=config.CLUSTER_TEXTS, help="teks yang diklaster (bawaan: input)")
    cluster.add_argument("--profile", default="smoke", choices=config.PROFILE_NAMES,
                         help="profil untuk nilai bawaan (bawaan: smoke)")
    cluster.set_defaults(handler=_cluster)

    train = commands.add_parser(
        "train", help="latih adapter LoRA pada baris terpilih (lanjut otomatis dari checkpoint)",
        description="Beberapa GPU: accelerate launch -m olmo_id.cli train ... (satu proses per GPU).",
    )
    train.add_argument("--profile", required=True, choices=config.PROFILE_NAMES)
    train.add_argument("--data", type=_path, required=True,
                       help="clustered.parquet dari notebook 02 (kolom 'selected')")
    train.add_argument("--out", required=True, help="folder run: checkpoint, lalu adapter/ dengan run_card.json")
    train.add_argument("--max-steps", type=int, help="berhenti setelah N langkah optimizer (bawaan: sesuai epochs)")
    train.add_argument("--seed", type=int, help="seed acak (bawaan: 42)")
    train.add_argument("-p", "--param", nargs=2, action="append", metavar=("KEY", "VALUE"),
                       help="ubah parameter profil, mis. -p lora_r 16 -p learning_rate 1e-4")
    train.set_defaults(handler=_train)

    generate = _tuned_model_command(commands, "generate", "satu jawaban dari model dasar + adapter", _generate)
    generate.add_argument("--prompt", required=True, help="pertanyaan atau instruksi")
    generate.add_argument("--greedy", action="store_true", help="tanpa sampling: jawaban yang sama setiap kali")
    _tuned_model_command(commands, "chat", "bercakap dengan model (riwayat diingat; /reset, /exit)", _chat)
    evaluate = _tuned_model_command(commands, "evaluate", "bandingkan model dasar dan adapter pada data held-out",
                                    _evaluate)
    rows = evaluate.add_mutually_exclusive_group(required=True)
    rows.add_argument("--data", type=_path,
                      help="clustered.parquet tempat adapter dilatih: dievaluasi pada baris yang tidak dipilih")
    rows.add_argument("--held-out", type=_path, help="berkas parquet held-out eksplisit (input, output, subset_name) "
                                         "yang tidak berbagi baris dengan data latih adapter")
    evaluate.add_argument("--out", required=True, help="berkas results.json")
    evaluate.add_argument("--profile", choices=config.PROFILE_NAMES,
                          help="profil mesin ini (bawaan: profil saat adapter dilatih)")
    evaluate.add_argument("--per-subset", type=int,
                          help="baris held-out per subset (bawaan: dari profil; smoke 3, GPU 20)")

    bench = _tuned_model_command(commands, "benchmark",
                                 "benchmark bahasa Indonesia (lm-evaluation-harness): model dasar vs adapter",
                                 _benchmark, generates=False)
    bench.add_argument("--out", required=True, help="berkas .json keluaran")
    bench.add_argument("--tasks", help="tugas dipisah koma (bawaan: dari profil mesin ini; smoke dan cpu: "
                                       "mini_belebele_ind,mini_xcopa_id)")
    bench.add_argument("--limit", type=int, help="hanya N butir pertama tiap tugas, untuk melihat sekilas")
    bench.add_argument("--data", type=_path, help="clustered.parquet tempat adapter dilatih, untuk cek kontaminasi "
                                                  "(bawaan: berkas di kartu run adapter, kalau masih ada)")
    bench.add_argument("--profile", choices=config.PROFILE_NAMES,
                       help="profil mesin ini (bawaan: profil saat adapter dilatih)")

    course = commands.add_parser("course", help="jalankan semua notebook dengan papermill")
    course.add_argument("--profile", required=True, choices=config.PROFILE_NAMES)
    course.add_argument("--out", required=True, help="folder hasil: notebook yang dijalankan dan artefaknya")
    course.add_argument("-p", "--param", nargs=2, action="append", metavar=("KEY", "VALUE"),
                        help="parameter papermill, mis. -p seed 7 -p n_samples 150")
    chosen = course.add_mutually_exclusive_group()
    chosen.add_argument("--only", action="append", metavar="NN",
                        help="jalankan notebook bernomor NN saja (boleh diulang atau dipisah koma: --only 03,04)")
    chosen.add_argument("--from", dest="start", metavar="NN",
                        help="jalankan notebook NN dan semua sesudahnya "
                             "(hasil notebook sebelumnya harus sudah ada di --out)")
    course.set_defaults(handler=_course)

    site = commands.add_parser("site", help="situs statis dari pelajaran yang sudah dijalankan (Sphinx + myst-nb)")
    site.add_argument("--run", type=_path, required=True,
                      help="folder run `olmo-id course` (mis. runs/cpu, runs/smoke); notebook tidak dijalankan ulang")
    site.add_argument("--out", required=True, help="folder situs keluaran: baru, atau situs lama yang ditimpa")
    site.set_defaults(handler=_site)
    return parser


def _tuned_model_command(commands: argparse._SubParsersAction[Parser], name: str, summary: str,
                         handler: Callable[[argparse.Namespace], int], generates: bool = True) -> Parser:
    """A sub-command that loads the tuned model: its --adapter (and --max-new-tokens when it generates)."""
    command = commands.add_parser(name, help=summary)
    command.add_argument("--adapter", type=_path, required=True,
                         help="folder adapter, folder training notebook 03 (adapter terbaru), atau id Hub")
    if generates:
        command.add_argument("--max-new-tokens", type=int,
                             help="batas token tiap jawaban (bawaan: dari profil adapter)")
    command.set_defaults(handler=handler)
    return command


if __name__ == "__main__":
    sys.exit(main())

"""The Kazakh interface: every English message of the app, in Kazakh.

Keys are the English text exactly as the code writes it; {names} stay as they are.
Nouns after a number keep their singular form in Kazakh ("3 мақала").
"""

from __future__ import annotations

KK: dict[str, str] = {
    # keys and their descriptions (footer, help, palette)
    "Abbreviations": "Қысқартулар",
    "Archive list": "Мұрағат тізімі",
    "Article": "Мақала",
    "Article note": "Мақалаға жазба",
    "Back": "Артқа",
    "Bookmark": "Бетбелгі",
    "Bookmarks": "Бетбелгілер",
    "Cancel": "Бас тарту",
    "Clear hits": "Белгілеуді алу",
    "Close": "Жабу",
    "Command palette": "Пәрмендер палитрасы",
    "Copy ¶": "¶ көшіру",
    "Copy": "Көшіру",
    "Copied to the clipboard (OSC 52: your terminal must allow it).":
        "Алмасу буферіне көшірілді (OSC 52: терминалыңыз рұқсат етуі керек).",
    "Delete": "Жою",
    "Edit": "Өңдеу",
    "End": "Соңы",
    "Everywhere": "Барлық жерде",
    "Filter by date": "Күн бойынша сүзу",
    "First": "Басы",
    "Go to date": "Күнге өту",
    "Keys": "Пернелер",
    "Label": "Атау",
    "Last": "Соңы",
    "Latin/Cyrillic": "Латын/кирилл",
    "Next": "Келесі",
    "Next article": "Келесі мақала",
    "Next hit": "Келесі табылған",
    "Next ¶": "Келесі ¶",
    "No": "Жоқ",
    "Note": "Жазба",
    "Note editor": "Жазба редакторы",
    "Notes": "Жазбалар",
    "Open": "Ашу",
    "Open at the bookmark": "Бетбелгі тұрған жерден ашу",
    "Open at the note": "Жазба тұрған жерден ашу",
    "Page": "Бет",
    "Page down": "Төмен бет",
    "Page up": "Жоғары бет",
    "Pane": "Панель",
    "Previous": "Алдыңғы",
    "Previous article": "Алдыңғы мақала",
    "Previous hit": "Алдыңғы табылған",
    "Previous ¶": "Алдыңғы ¶",
    "Quit": "Шығу",
    "Results": "Нәтижелер",
    "Save": "Сақтау",
    "Search": "Іздеу",
    "Show all": "Барлығын көрсету",
    "Sort": "Сұрыптау",
    "Top": "Басы",
    "Yes": "Иә",
    "palette": "палитра",
    # the article and the list
    "{n} word": "{n} сөз",
    "{n} words": "{n} сөз",
    "{n} min read": "{n} мин оқу",
    "undated": "күні жоқ",
    "no text": "мәтіні жоқ",
    "{word} reads as an option (it begins with '-'); to search for it, write -- {word}":
        "{word} параметр болып оқылады ('-' белгісінен басталады); оны іздеу үшін "
        "-- {word} деп жазыңыз",
    "Undated": "Күні жоқ",
    "{n} article": "{n} мақала",
    "{n} articles": "{n} мақала",
    "This article has no text.": "Бұл мақалада мәтін жоқ.",
    "Laying out {size:,} characters…": "{size:,} таңба орналастырылып жатыр…",
    "Indexing the archive ": "Мұрағат индекстелуде ",
    "Sorted by title (Kazakh alphabet).": "Тақырып бойынша сұрыпталды (қазақ әліпбиі).",
    "Sorting by title…": "Тақырып бойынша сұрыпталуда…",
    "Sorted by date, newest first.": "Күн бойынша сұрыпталды, ең жаңасы басында.",
    "This is the first article.": "Бұл — бірінші мақала.",
    "This is the last article.": "Бұл — соңғы мақала.",
    "Kazakh Latin alphabet (2021).": "Қазақ латын әліпбиі (2021).",
    "Cyrillic.": "Кирилл әліпбиі.",
    "Paragraph {n} copied to the clipboard (OSC 52: your terminal must allow it).":
        "{n}-абзац алмасу буферіне көшірілді (OSC 52: терминалыңыз рұқсат етуі керек).",
    "This article spells out no abbreviations.": "Бұл мақалада қысқартулар ашылмаған.",
    "In this paragraph": "Осы абзацта",
    "In this article": "Осы мақалада",
    "No more hits below.": "Төменде басқа табылған жоқ.",
    "No more hits above.": "Жоғарыда басқа табылған жоқ.",
    "{n} article(s) have problems (marked !): kz-reader check lists them.":
        "{n} мақалада ақау бар (! белгісімен): тізімін kz-reader check көрсетеді.",
    # dates in the list
    "Show only a year or a month:": "Тек бір жылды не айды көрсету:",
    "Go to a year or month:": "Жылға не айға өту:",
    "2024 or 2024-05": "2024 не 2024-05",
    "Enter = go    Esc = cancel": "Enter = өту    Esc = бас тарту",
    "Not a year or month: {text!r}. Try 2024 or 2024-05.":
        "Жыл да, ай да емес: {text!r}. 2024 не 2024-05 деп жазыңыз.",
    "No articles from {name}.": "{name} кезеңінде мақала жоқ.",
    # bookmarks and notes
    "Bookmark saved (¶ {n}).": "Бетбелгі сақталды (¶ {n}).",
    "Bookmark removed (¶ {n}).": "Бетбелгі алынды (¶ {n}).",
    "Not saved": "Сақталмады",
    "Read-only": "Тек оқуға",
    "Note on the whole article — {title}": "Бүкіл мақалаға жазба — {title}",
    "Note on paragraph {n} — {title}": "{n}-абзацқа жазба — {title}",
    "Note — {title}": "Жазба — {title}",
    "Note saved.": "Жазба сақталды.",
    "Note deleted.": "Жазба жойылды.",
    "Label saved.": "Атау сақталды.",
    "Deleted.": "Жойылды.",
    "Bookmark label": "Бетбелгі атауы",
    "a word or two": "бір-екі сөз",
    "Enter = save    Esc = cancel": "Enter = сақтау    Esc = бас тарту",
    "ctrl+s = save    Esc = cancel    (an empty note is deleted)":
        "ctrl+s = сақтау    Esc = бас тарту    (бос жазба жойылады)",
    "Throw away the changes to this note?": "Бұл жазбадағы өзгерістерден бас тартасыз ба?",
    "y = yes    n / Esc = no": "y = иә    n / Esc = жоқ",
    "Delete the bookmark on “{title}”?": "«{title}» мақаласындағы бетбелгіні жою керек пе?",
    "Delete the note on “{title}”?": "«{title}» мақаласындағы жазбаны жою керек пе?",
    "No bookmarks yet: press b on a paragraph.": "Әзірге бетбелгі жоқ: абзацта b басыңыз.",
    "No notes yet: press n on a paragraph, or N for the whole article.":
        "Әзірге жазба жоқ: абзацта n, бүкіл мақалаға N басыңыз.",
    "article": "мақала",
    "missing: {id} is no longer in the archive": "жоқ: {id} мұрағатта енді жоқ",
    "this paragraph has gone": "бұл абзац енді жоқ",
    "The bookmarks and notes that were waiting are saved now.":
        "Күтіп тұрған бетбелгілер мен жазбалар енді сақталды.",
    "The article {id} is missing from the archive.": "{id} мақаласы мұрағатта жоқ.",
    "Cannot save the reading position: {error}": "Оқу орнын сақтау мүмкін емес: {error}",
    # search
    'words, "a phrase", prefix*, from:2024 to:2025-05 source:egemen.kz':
        'сөздер, "тіркес", түбір*, from:2024 to:2025-05 source:egemen.kz',
    "{n} result": "{n} нәтиже",
    "{n} results": "{n} нәтиже",
    " · search failed: {error}": " · іздеу сәтсіз: {error}",
    "Search needs the index, which is not available here.":
        "Іздеу үшін индекс керек, ал ол мұнда жоқ.",
    "Cannot read the search index: {error}": "Іздеу индексін оқу мүмкін емес: {error}",
    "The search index could not be updated: {error}":
        "Іздеу индексін жаңарту мүмкін болмады: {error}",
    "Key: {key}": "Перне: {key}",
    # problems the parser reports, shown under an article's title
    "not UTF-8; read as Kazakh Windows (kz1048)":
        "UTF-8 емес; Kazakh Windows (kz1048) ретінде оқылды",
    "invalid UTF-8 bytes replaced": "жарамсыз UTF-8 байттары ауыстырылды",
    "binary data": "екілік деректер",
    "empty file": "бос файл",
    "no date line": "күн жолы жоқ",
    "date line without a date": "күн жолында күн жоқ",
    "no title": "тақырып жоқ",
    "no source line": "дереккөз жолы жоқ",
    "empty source line": "дереккөз жолы бос",
    "control characters removed": "басқару таңбалары алынып тасталды",
    "file name is not valid UTF-8": "файл атауы жарамды UTF-8 емес",
    "not a regular file": "кәдімгі файл емес",
    "broken symlink": "сілтеме бұзық",
    # the command line
    # argparse's own words
    "usage: ": "қолданылуы: ",
    "positional arguments": "позициялық аргументтер",
    "options": "опциялар",
    "show this help message and exit": "осы анықтаманы көрсетіп, шығу",
    "show program's version number and exit": "бағдарлама нұсқасын көрсетіп, шығу",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s аргументі: %(message)s",
    "unrecognized arguments: %s": "танылмаған аргументтер: %s",
    "the following arguments are required: %s": "мына аргументтер міндетті: %s",
    "expected one argument": "бір аргумент күтілді",
    "expected at most one argument": "ең көбі бір аргумент күтілді",
    "expected at least one argument": "кемінде бір аргумент күтілді",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "жарамсыз таңдау: %(value)r (мыналардан таңдаңыз: %(choices)s)",
    "invalid %(type)s value: %(value)r": "жарамсыз %(type)s мәні: %(value)r",
    "ignored explicit argument %r": "артық аргумент еленбеді: %r",
    # --help
    "Examples:": "Мысалдар:",
    "Read an archive of Kazakh meeting reports. "
    "`{prog} [ID]` starts the reader (ID: an article id or a path to its file).":
        "Қазақша жиналыс есептерінің мұрағатын оқу. "
        "`{prog} [ID]` оқу құралын ашады (ID: мақала идентификаторы не оның файлына жол).",
    "the archive folder": "мұрағат қалтасы",
    "the config folder": "баптаулар қалтасы",
    "every article": "барлық мақала",
    "one article, rendered": "бір мақала, пішімделген түрде",
    "an article id or a path to it": "мақала идентификаторы не оған жол",
    "no colours or styles": "түссіз, стильсіз",
    "in the Kazakh Latin alphabet (2021)": "қазақ латын әліпбиімен (2021)",
    "full-text search; exit status 1 when nothing is found":
        "толық мәтінді іздеу; ештеңе табылмаса, шығу коды 1",
    "at most N results": "ең көбі N нәтиже",
    "report every problem in the archive; exit 1 if any":
        "мұрағаттағы әр ақауды көрсету; ақау болса, шығу коды 1",
    "copy article files into the archive; never overwrites":
        "мақала файлдарын мұрағатқа көшіру; бар файлды ешқашан қайта жазбайды",
    "article files (*.txt)": "мақала файлдары (*.txt)",
    "a folder inside the archive, like 2026/02": "мұрағат ішіндегі қалта, мысалы 2026/02",
    "merge bookmarks and notes from an export --format json":
        "export --format json нәтижесіндегі бетбелгілер мен жазбаларды қосу",
    "the JSON export, or - for standard input": "JSON экспорт файлы, не стандартты кіріс үшін -",
    "print a shell completion script": "қабықшаға толықтыру скриптін шығару",
    "bash or zsh": "bash не zsh",
    "Copy article files into the archive. Each file is checked first: one that is empty, "
    "binary or has no readable text is refused, with the reason. An existing file is never "
    "overwritten: a name that is taken is skipped (\"already there\" when the content is the "
    "same). Exit status: 0 every file is in the archive now, 1 some were skipped or refused, "
    "2 bad usage (the bundled sample archive cannot be imported into).":
        "Мақала файлдарын мұрағатқа көшіру. Әр файл алдымен тексеріледі: бос, екілік не "
        "оқылатын мәтіні жоқ файл себебі айтылып қабылданбайды. Бар файл ешқашан қайта "
        "жазылмайды: атауы бос емес файл өткізіледі (мазмұны бірдей болса, «бұрыннан бар»). "
        "Шығу коды: 0 — барлық файл енді мұрағатта, 1 — кейбірі өткізілді не қабылданбады, "
        "2 — қате қолданыс (пакетпен бірге келетін үлгі мұрағатқа импорттауға болмайды).",
    "Merge bookmarks and notes from `kz-reader export --format json` (FILE, or - for "
    "standard input) into library.toml. An entry whose id is already there is skipped, and "
    "so is a second bookmark on the same paragraph; nothing already there is changed. "
    "Exit status: 1 when some entries were unusable.":
        "`kz-reader export --format json` нәтижесіндегі бетбелгілер мен жазбаларды (FILE, не "
        "стандартты кіріс үшін -) library.toml файлына қосу. Идентификаторы бұрыннан бар "
        "жазба өткізіледі, бір абзацқа қойылған екінші бетбелгі де өткізіледі; бұрыннан "
        "барының ешқайсысы өзгермейді. Шығу коды: кейбір жазбалар жарамсыз болса, 1.",
    "Print a completion script for bash or zsh: subcommands, options, folders and files."
    "\n\nTo load it in every new shell:\n"
    '  bash: add   eval "$(kz-reader completion bash)"   to ~/.bashrc\n'
    '  zsh:  add   eval "$(kz-reader completion zsh)"    to ~/.zshrc, after compinit':
        "bash не zsh үшін толықтыру скриптін шығару: ішкі пәрмендер, опциялар, қалталар "
        "мен файлдар.\n\nӘр жаңа қабықшада жүктелуі үшін мына жолды қосыңыз:\n"
        '  bash, ~/.bashrc файлына:                   eval "$(kz-reader completion bash)"\n'
        '  zsh, ~/.zshrc файлына, compinit-тен кейін: eval "$(kz-reader completion zsh)"',
    'Words match any inflected form and Latin spellings (konstitutsiya); "a phrase" in '
    "quotes; prefix* matches word beginnings. Exit status: 0 found, 1 nothing found, 2 error.":
        "Сөз кез келген жалғаулы түріне және латынша жазылуына (konstitutsiya) сәйкес "
        'келеді; "тіркес" тырнақшада; түбір* сөз басына сәйкес келеді. Шығу коды: '
        "0 — табылды, 1 — ештеңе табылмады, 2 — қате.",
    "the reader; reopens the last article": "оқу құралы; соңғы мақаланы қайта ашады",
    "the reader, on that article": "оқу құралы, осы мақалада",
    "the reader on another archive": "оқу құралы, басқа мұрағатта",
    "every article, for a script": "барлық мақала, скрипт үшін",
    "each command has its own help": "әр пәрменнің өз анықтамасы бар",
    "date, id and title, newest first": "күні, идентификаторы мен тақырыбы, ең жаңасы басында",
    "id, date, title, source, paragraphs, words":
        "идентификатор, күн, тақырып, дереккөз, абзацтар, сөздер",
    "another archive": "басқа мұрағат",
    "by id": "идентификатор бойынша",
    "by path": "жол бойынша",
    "in the Latin alphabet, no styles": "латын әліпбиімен, стильсіз",
    "any inflected form": "кез келген жалғаулы түрі",
    "a phrase": "тіркес",
    "a Latin spelling; JSON": "латынша жазылуы; JSON",
    "one line each": "әрқайсысы бір жолда",
    "each note under its article": "әр жазба өз мақаласының астында",
    "for a script": "скрипт үшін",
    # kz-reader sync
    "merge bookmarks, notes and reading positions with a git remote, both ways":
        "бетбелгілерді, жазбаларды және оқу орындарын git репозиторийімен екі жаққа "
        "біріктіру",
    "a git URL (ssh://host/path/notes.git, host:notes.git) or a folder; remembered for next "
    "time": "git URL (ssh://host/path/notes.git, host:notes.git) не қалта; келесі жолға "
            "есте сақталады",
    "say what would change on each side; write nothing":
        "әр жақта не өзгеретінін айту; ештеңе жазбау",
    "the changes as JSON": "өзгерістер JSON түрінде",
    "Merge library.toml (bookmarks, notes, highlights) and the reading positions of "
    "state.toml with a git repository, both ways: REMOTE is any git URL "
    "(ssh://host/path/notes.git, host:notes.git) or a folder (made when missing). It is "
    "remembered; sync in config.toml may name it too. An empty repository gets this "
    "machine's library; a new machine takes the repository's and adds its own.":
        "library.toml (бетбелгілер, жазбалар, үзінділер) мен state.toml ішіндегі оқу "
        "орындарын git репозиторийімен екі жаққа біріктіреді: REMOTE — кез келген git URL "
        "(ssh://host/path/notes.git, host:notes.git) не қалта (жоқ болса, жасалады). Ол "
        "есте сақталады; оны config.toml ішіндегі sync та атай алады. Бос репозиторий осы "
        "машинаның кітапханасын алады; жаңа машина репозиторийдікін алып, өзінікін қосады.",
    "Nothing is lost: an entry changed on one side takes that change; a deletion on either "
    "side stays deleted, even over an edit on the other; a note changed on both sides keeps "
    "both texts, between marker lines, for you to resolve. Reading positions: the newer "
    "one; read marks: all of them. Exit status: 0 synced, 2 error (nothing here changed: "
    "the remote unreachable, a push refused, a remote that is not kz-reader's or is from a "
    "newer version, a broken library.toml).":
        "Ештеңе жоғалмайды: бір жақта өзгерген жазба сол өзгерісті алады; кез келген жақта "
        "жойылған жазба екінші жақта өңделсе де жойылған күйінде қалады; екі жақта да "
        "өзгерген жазбада екі мәтін де белгі жолдарының арасында сақталады, қайсысын "
        "қалдыруды өзіңіз шешесіз. Оқу орындары: жаңасы; оқылды белгілері: барлығы. Шығу "
        "коды: 0 біріктірілді, 2 қате (мұнда ештеңе өзгермеді: репозиторийге қосылу мүмкін "
        "емес, жіберу қабылданбады, репозиторий kz-reader-дікі емес не жаңа нұсқадан, "
        "library.toml бүлінген).",
    "with a folder (made when missing); remembered":
        "қалтамен (жоқ болса, жасалады); есте сақталады",
    "again, with the remote remembered": "тағы да, есте сақталған репозиториймен",
    "what would change on each side; nothing written":
        "әр жақта не өзгеретіні; ештеңе жазылмайды",
    "no remote to sync with: kz-reader sync REMOTE (a git URL or a folder; it is "
    "remembered), or sync = \"…\" in config.toml":
        "біріктіретін репозиторий жоқ: kz-reader sync REMOTE (git URL не қалта; есте "
        "сақталады) не config.toml ішінде sync = \"…\"",
    "must be a git URL or a folder, without spaces": "бос орынсыз git URL не қалта болуы керек",
    "the repository's content made": "репозиторийдің мазмұны жасалды",
    "{n} new from remote": "репозиторийден {n} жаңа",
    "{n} changed from remote": "репозиторийден {n} өзгеріс",
    "{n} deleted here": "мұнда {n} жойылды",
    "{n} reading position or read mark from remote":
        "репозиторийден {n} оқу орны не оқылды белгісі",
    "{n} reading positions and read marks from remote":
        "репозиторийден {n} оқу орны мен оқылды белгісі",
    "{n} sent": "{n} жіберілді",
    "{n} reading position or read mark sent": "{n} оқу орны не оқылды белгісі жіберілді",
    "{n} reading positions and read marks sent": "{n} оқу орны мен оқылды белгісі жіберілді",
    "{n} conflict": "{n} қайшылық",
    "{n} conflicts": "{n} қайшылық",
    "nothing to sync: both sides hold the same": "біріктіретін ештеңе жоқ: екі жақ бірдей",
    "dry run, nothing written; with {remote}: {summary}":
        "сынақ, ештеңе жазылмады; {remote} репозиторийімен: {summary}",
    "synced with {remote}: {summary}": "{remote} репозиторийімен біріктірілді: {summary}",
    "here": "мұнда",
    "remote": "репозиторий",
    "conflict: {kind} {id} was changed on both machines; both versions are kept in it, "
    "between <<<<<<< kz-reader and >>>>>>> kz-reader lines: keep one and delete the rest":
        "қайшылық: {kind} {id} екі машинада да өзгерген; екі нұсқасы да онда <<<<<<< "
        "kz-reader және >>>>>>> kz-reader жолдарының арасында сақталды: біреуін қалдырып, "
        "қалғанын өшіріңіз",
    "waiting for another kz-reader sync to finish":
        "басқа kz-reader sync аяқталуын күтуде",
    "the remote is empty: give a git URL or a folder":
        "репозиторий бос берілген: git URL не қалта көрсетіңіз",
    "the remote {remote!r} contains spaces: a git URL or folder has none":
        "{remote!r} репозиторийінде бос орын бар: git URL не қалтада бос орын болмайды",
    "the remote {remote!r} contains a control character":
        "{remote!r} репозиторийінде басқару таңбасы бар",
    "the remote {remote!r} starts with '-': a git URL or folder does not":
        "{remote!r} репозиторийі '-' таңбасынан басталады: git URL не қалта олай басталмайды",
    "the remote {remote!r} names a home folder that is not here":
        "{remote!r} репозиторийі мұнда жоқ үй қалтасын атайды",
    "git is not installed, and sync needs it (Debian: apt-get install git)":
        "git орнатылмаған, ал sync оны қажет етеді (Debian: apt-get install git)",
    "no answer within {n} seconds": "{n} секунд ішінде жауап болмады",
    "the library cannot be written for the repository: {error}":
        "кітапхананы репозиторий үшін жазу мүмкін емес: {error}",
    "{remote} is not a kz-reader repository (it has no kz-reader.toml); nothing was changed":
        "{remote} kz-reader репозиторийі емес (онда kz-reader.toml жоқ); ештеңе өзгерген жоқ",
    "{remote} is not a kz-reader repository (it has no main branch); nothing was changed":
        "{remote} kz-reader репозиторийі емес (онда main тармағы жоқ); ештеңе өзгерген жоқ",
    "{remote}: {file} does not parse ({error}); nothing was changed":
        "{remote}: {file} оқылмайды ({error}); ештеңе өзгерген жоқ",
    "{remote} was written by a newer kz-reader ({file}: {key} = {value}); it is only read, "
    "never changed: update kz-reader to sync with it":
        "{remote} kz-reader-дің жаңа нұсқасымен жазылған ({file}: {key} = {value}); ол тек "
        "оқылады, ешқашан өзгертілмейді: онымен біріктіру үшін kz-reader-ді жаңартыңыз",
    "{remote}: {file} has an unknown {key} ({value!r}); nothing was changed":
        "{remote}: {file} ішіндегі {key} белгісіз ({value!r}); ештеңе өзгерген жоқ",
    "{remote}: {file} does not parse ('{key}' is not a list of tables); nothing was changed":
        "{remote}: {file} оқылмайды ('{key}' кестелер тізімі емес); ештеңе өзгерген жоқ",
    "{remote}: {file} does not parse (not tables of ids); nothing was changed":
        "{remote}: {file} оқылмайды (id кестелері емес); ештеңе өзгерген жоқ",
    "{remote}: {file} is larger than {n} MiB; nothing was changed":
        "{remote}: {file} {n} MiB-тан үлкен; ештеңе өзгерген жоқ",
    "{path} is in the way: kz-reader keeps its copy of the repository there; move it away":
        "{path} кедергі: kz-reader репозиторийдің көшірмесін сонда сақтайды; оны басқа "
        "жерге жылжытыңыз",
    "cannot make {path}: {error}": "{path} жасалмады: {error}",
    "cannot reach {remote}: there is no folder {folder}":
        "{remote} репозиторийіне қосылу мүмкін емес: {folder} қалтасы жоқ",
    "cannot make a repository in {remote}: {error}":
        "{remote} ішінде репозиторий жасалмады: {error}",
    "cannot reach {remote}: {why}": "{remote} репозиторийіне қосылу мүмкін емес: {why}",
    "cannot fetch from {remote}: {why}": "{remote} репозиторийінен алу мүмкін емес: {why}",
    "could not send to {remote}: {why}; nothing was changed here":
        "{remote} репозиторийіне жіберілмеді: {why}; мұнда ештеңе өзгерген жоқ",
    "sent to {remote}, but not saved here: {error}; the next sync brings it":
        "{remote} репозиторийіне жіберілді, бірақ мұнда сақталмады: {error}; келесі sync "
        "оны әкеледі",
    "{remote} kept changing while this sync ran; nothing was changed here: try again":
        "бұл sync жүріп жатқанда {remote} өзгере берді; мұнда ештеңе өзгерген жоқ: қайта "
        "көріңіз",
    "synced, but {path} could not be brought up to date: {error}":
        "біріктірілді, бірақ {path} жаңартылмады: {error}",
    "cannot sync: {error} ({path})": "біріктіру мүмкін емес: {error} ({path})",
    "stopped: kz-reader is quitting": "тоқтатылды: kz-reader жабылып жатыр",
    "must be true or false, not {kind} {value!r}":
        "true не false болуы керек, {kind} {value!r} емес",
    # kz-reader sync in the app
    "Sync": "Біріктіру",
    "Merge bookmarks, notes and reading positions with the git remote (kz-reader sync), in "
    "the background":
        "Бетбелгілерді, жазбаларды және оқу орындарын git репозиторийімен біріктіру "
        "(kz-reader sync), фонда",
    "A sync is already running.": "Біріктіру қазір жүріп жатыр.",
    "Syncing… (reading goes on meanwhile)": "Біріктірілуде… (оқи беруге болады)",
    "sync failed: {error}": "біріктіру сәтсіз аяқталды: {error}",
    "No remote to sync with: run kz-reader sync REMOTE once (a git URL or a folder; it is "
    "remembered), or set sync = \"…\" in config.toml.":
        "Біріктіретін репозиторий жоқ: kz-reader sync REMOTE пәрменін бір рет орындаңыз "
        "(git URL не қалта; есте сақталады) не config.toml ішінде sync = \"…\" деп жазыңыз.",
    "Syncing before quitting (at most {n} seconds; q again quits now, nothing is lost)…":
        "Шығар алдында біріктіру (ең көбі {n} секунд; q тағы басылса, бірден шығады, "
        "ештеңе жоғалмайды)…",
    "the sync did not finish within {n} seconds and was stopped; nothing is lost: everything "
    "is saved here, and the next sync sends it":
        "біріктіру {n} секунд ішінде аяқталмай, тоқтатылды; ештеңе жоғалған жоқ: бәрі мұнда "
        "сақталған, келесі sync оны жібереді",
    "conflict: changed on two machines, both versions kept; resolve by editing":
        "қайшылық: екі машинада өзгерген, екі нұсқасы да сақталды; өңдеп шешіңіз",
    "(conflict: changed on two machines, both versions kept; resolve by editing)":
        "(қайшылық: екі машинада өзгерген, екі нұсқасы да сақталды; өңдеп шешіңіз)",
    "a Markdown digest": "Markdown жинағы",
    "for another tool, or a backup": "басқа құрал үшін не сақтық көшірме",
    "every problem, one line each": "әр ақау бір жолда",
    "into the top of the archive": "мұрағаттың түбіріне",
    "into a folder of it": "оның бір қалтасына",
    "a file from export --format json": "export --format json жасаған файл",
    "standard input": "стандартты кіріс",
    "print the bash script": "bash скриптін шығару",
    "print the zsh script": "zsh скриптін шығару",
    # output and errors
    "error": "қате",
    "warning: {warning}": "ескерту: {warning}",
    "internal error: {kind}: {error}": "ішкі қате: {kind}: {error}",
    "no article '{id}' in {archive}": "{archive} ішінде '{id}' мақаласы жоқ",
    "archive folder {path} is not readable": "{path} мұрағат қалтасын оқу мүмкін емес",
    "--limit must be 1 or more": "--limit 1 не одан көп болуы керек",
    "indexing the archive: {done}/{total}": "мұрағат индекстелуде: {done}/{total}",
    "waiting for another kz-reader to finish indexing":
        "басқа kz-reader индекстеуді аяқтағанын күтуде",
    "(missing)": "(жоқ)",
    "whole article": "бүкіл мақала",
    "no problems in {n} article": "{n} мақалада ақау жоқ",
    "no problems in {n} articles": "{n} мақалада ақау жоқ",
    # import and import-library
    "the bundled sample archive is part of the installed package and is not imported "
    "into; name your archive with --archive DIR or `archive` in config.toml":
        "пакетпен бірге келетін үлгі мұрағат орнатылған пакеттің бөлігі, оған импорттауға "
        "болмайды; мұрағатыңызды --archive DIR арқылы не config.toml ішіндегі `archive` "
        "арқылы көрсетіңіз",
    "archive folder {path} does not exist or is not a folder; create it first (mkdir -p)":
        "{path} мұрағат қалтасы жоқ не ол қалта емес; алдымен оны жасаңыз (mkdir -p)",
    "--into {into!r} must be a folder inside the archive, like 2026/02":
        "--into {into!r} мұрағат ішіндегі қалта болуы керек, мысалы 2026/02",
    "not a .txt file (the archive lists only *.txt files)":
        ".txt файлы емес (мұрағат тек *.txt файлдарын көрсетеді)",
    "too large: the reader would show it {problem}":
        "тым үлкен: оқу құралы оны былай көрсетер еді: {problem}",
    "no readable text (no paragraphs)": "оқылатын мәтін жоқ (абзац жоқ)",
    "no such file": "мұндай файл жоқ",
    "a folder, not a file": "бұл файл емес, қалта",
    "cannot read it: {error}": "оны оқу мүмкін емес: {error}",
    "{id} already exists with other content": "{id} басқа мазмұнмен бұрыннан бар",
    "cannot write {id}: {error}": "{id} жазу мүмкін емес: {error}",
    "(problems: {problems})": "(ақаулар: {problems})",
    "imported {name} as {detail}": "{name} импортталды: {detail}",
    "{name}: already there ({detail})": "{name}: бұрыннан бар ({detail})",
    "{name}: skipped: {detail}": "{name}: өткізілді: {detail}",
    "{name}: refused: {detail}": "{name}: қабылданбады: {detail}",
    "{n} imported": "{n} импортталды",
    "{n} already there": "{n} бұрыннан бар",
    "{n} skipped": "{n} өткізілді",
    "{n} refused": "{n} қабылданбады",
    "(archive: {path})": "(мұрағат: {path})",
    "not a kz-reader export (no \"bookmarks\" or \"notes\")":
        "kz-reader экспорты емес (\"bookmarks\" не \"notes\" бөлімі жоқ)",
    "an export of an unknown version ({version!r})": "белгісіз нұсқадағы экспорт ({version!r})",
    "not a kz-reader export (\"{key}\" is not a list)":
        "kz-reader экспорты емес (\"{key}\" тізім емес)",
    "cannot read {where}: {error}": "{where} оқу мүмкін емес: {error}",
    "{where} is not a JSON export: {error}": "{where} JSON экспорты емес: {error}",
    "bookmarks: {added} added, {there} already there":
        "бетбелгілер: {added} қосылды, {there} бұрыннан бар",
    "notes: {added} added, {there} already there":
        "жазбалар: {added} қосылды, {there} бұрыннан бар",
    "{n} unusable entry skipped": "жарамсыз {n} жазба өткізілді",
    "{n} unusable entries skipped": "жарамсыз {n} жазба өткізілді",
    "library: {path}": "кітапхана: {path}",
    # export (Markdown)
    "Bookmarks and notes": "Бетбелгілер мен жазбалар",
    "No bookmarks or notes yet.": "Әзірге бетбелгі де, жазба да жоқ.",
    "Article: `{id}`": "Мақала: `{id}`",
    "Date: {date}": "Күні: {date}",
    "Source: {source}": "Дереккөз: {source}",
    "**Missing:** the article file is no longer in the archive.":
        "**Жоқ:** мақала файлы мұрағатта енді жоқ.",
    "Bookmark at the whole article{label}": "Бүкіл мақалаға бетбелгі{label}",
    "Bookmark at paragraph {n}{label}": "{n}-абзацтағы бетбелгі{label}",
    "Note on the whole article": "Бүкіл мақалаға жазба",
    "Note on paragraph {n}": "{n}-абзацқа жазба",
    "Created {moment}": "Жасалды: {moment}",
    "Updated {moment}": "Жаңартылды: {moment}",
    # the core: archive folder, library.toml, config.toml
    "archive folder {path} does not exist": "{path} мұрағат қалтасы жоқ",
    "archive {path} is not a folder": "{path} мұрағаты қалта емес",
    "cannot read archive folder {path}: {error}":
        "{path} мұрағат қалтасын оқу мүмкін емес: {error}",
    "bookmarks and notes are read-only until it is fixed":
        "ол түзетілгенше бетбелгілер мен жазбалар тек оқуға ғана",
    "cannot read {path}: {error}; {rest}": "{path} оқылмады: {error}; {rest}",
    "{path} is not UTF-8 text; {rest}": "{path} UTF-8 мәтіні емес; {rest}",
    "{path} is not valid TOML: {error}; {rest}": "{path} жарамды TOML емес: {error}; {rest}",
    "{path} was written by a newer kz-reader (version = {version!r}); {rest}":
        "{path} kz-reader-дің жаңарақ нұсқасымен жазылған (version = {version!r}); {rest}",
    "{path} has an unknown format (version = {version!r}); {rest}":
        "{path} пішімі белгісіз (version = {version!r}); {rest}",
    "{path}: '{key}' is not a list of tables; {rest}":
        "{path}: '{key}' кестелер тізімі емес; {rest}",
    "cannot save bookmarks and notes to {path}":
        "бетбелгілер мен жазбаларды {path} файлына сақтау мүмкін емес",
    "the disk is full": "дискіде орын жоқ",
    "{n} change kept in memory": "{n} өзгеріс жадта сақталды",
    "{n} changes kept in memory": "{n} өзгеріс жадта сақталды",
    "not saved yet: {why}; {kept}, will retry":
        "әзірге сақталмады: {why}; {kept}, қайта әрекет жасалады",
    # issue 12, the command line: entries where they are now, highlights, tags, Obsidian
    "ok": "орнында",
    "edited": "өзгерген",
    "moved": "көшкен",
    "orphaned": "мәтіннен табылмады",
    "missing": "жоқ",
    "({status})": "({status})",
    "{period}: {shown} of {all}": "{period}: {all} ішінен {shown}",
    "--tag {tag}: no tag there (a tag has letters or digits)":
        "--tag {tag}: онда тег жоқ (тегте әріп не сан болады)",
    "{name} was edited since the last export: left as it is (move or delete it to have it "
    "written again)":
        "{name} соңғы экспорттан кейін өзгертілген: сол күйінде қалды (қайта жазылуы үшін "
        "оны жылжытыңыз не өшіріңіз)",
    "{id} has {n} paragraphs: there is no ¶ {number}": "{id} ішінде {n} абзац бар: ¶ {number} жоқ",
    "two paragraphs asked for: {link} and --paragraph {n}":
        "екі абзац сұралды: {link} және --paragraph {n}",
    "an article id or a path to the file; ID#N: only its paragraph N":
        "мақала идентификаторы не файлға жол; ID#N: тек оның N-абзацы",
    "only paragraph N (counted from 1, as ¶ numbers and citations)":
        "тек N-абзац (¶ нөмірлері мен дәйексөздердегідей, 1-ден бастап)",
    "**Not found** in the article's text any more; as it was:":
        "Мақала мәтінінен енді **табылмады**; бұрынғы күйі:",
    "--format obsidian writes into a folder: kz-reader export --format obsidian DIR":
        "--format obsidian қалтаға жазады: kz-reader export --format obsidian DIR",
    "DIR is only for --format obsidian": "DIR тек --format obsidian үшін",
    "Bookmarks, notes and highlights with the text each points at, found where it is "
    "now: a Markdown digest that reads on its own (the default), JSON that `kz-reader "
    "import-library` reads back, or --format obsidian DIR: one Markdown file an "
    "article, with YAML front matter, for Obsidian or any notes folder (a second "
    "export rewrites the files it wrote and touches no other).":
        "Бетбелгілер, жазбалар мен үзінділер, әрқайсысы қазір тұрған жерінен алынған "
        "мәтінімен: өз алдына оқылатын Markdown жинағы (әдепкі), `kz-reader "
        "import-library` қайта оқитын JSON немесе --format obsidian DIR: әр мақалаға бір "
        "Markdown файлы, YAML тақырыпшасымен, Obsidian не кез келген жазбалар қалтасы үшін "
        "(қайта экспорт өзі жазған файлдарды жаңартады, басқасына тимейді).",
    "Each bookmark where it is now: found again after its article was edited "
    "(edited) or moved (moved), or not (orphaned: its paragraph is gone; missing: its "
    "article is). What was found again is written back to library.toml.":
        "Әр бетбелгі қазір тұрған жерінде: мақаласы өзгерген (өзгерген) не көшкен (көшкен) "
        "соң қайта табылғаны, не табылмағаны (мәтіннен табылмады: абзацы жоқ; жоқ: "
        "мақаласы жоқ). Қайта табылғаны library.toml файлына жазылады.",
    "Found again after the article was edited.": "Мақала өзгергеннен кейін қайта табылды.",
    "Found again in the article's new place.": "Мақаланың жаңа орнынан табылды.",
    "Highlight": "Үзінді",
    "Highlight at paragraph {n}": "{n}-абзацтағы үзінді",
    "bookmarks, notes and highlights, for another tool":
        "бетбелгілер, жазбалар мен үзінділер, басқа құралға",
    "cannot write into {folder}: {error}": "{folder} қалтасына жазу мүмкін емес: {error}",
    "each passage quoted": "әр үзінді дәйексөзбен",
    "for a script, each with its status": "скрипт үшін, әрқайсысы күйімен",
    "for a script, only those tagged budget": "скрипт үшін, тек budget тегі барлары",
    "highlights: {added} added, {there} already there":
        "үзінділер: {added} қосылды, {there} бұрыннан бар",
    "md (the default), json, or obsidian (one Markdown file an article, in DIR)":
        "md (әдепкі), json немесе obsidian (әр мақалаға бір Markdown файлы, DIR ішінде)",
    "one Markdown file an article, for Obsidian": "әр мақалаға бір Markdown файлы, Obsidian үшін",
    "only the entries with this tag": "тек осы тегі бар жазбалар",
    "only those tagged budget": "тек budget тегі барлары",
    "only what is tagged budget": "тек budget тегі барлары",
    "the bookmarks in library.toml, where each is now":
        "library.toml ішіндегі бетбелгілер, әрқайсысы қазір тұрған жерімен",
    "the notes in library.toml, where each is now":
        "library.toml ішіндегі жазбалар, әрқайсысы қазір тұрған жерімен",
    "the highlights in library.toml, where each is now":
        "library.toml ішіндегі үзінділер, әрқайсысы қазір тұрған жерімен",
    "the folder for --format obsidian": "--format obsidian үшін қалта",
    "{n} entry found again after its article changed":
        "мақаласы өзгергеннен кейін {n} жазба қайта табылды",
    "{n} entries found again after their articles changed":
        "мақалалары өзгергеннен кейін {n} жазба қайта табылды",
    "{written} written, {unchanged} unchanged, in {folder}":
        "{written} жазылды, {unchanged} өзгеріссіз, {folder} ішінде",
    "bookmark": "бетбелгі",
    "note": "жазба",
    "highlight": "үзінді",
    "without an id": "идентификаторсыз",
    "a {kind} that is not a table": "кесте емес {kind}",
    "{kind} {id}: unusable '{field}'": "{kind} {id}: '{field}' өрісі жарамсыз",
    "bookmark {id} was removed in another session": "{id} бетбелгісі басқа сеанста жойылған",
    "highlight {id} was removed in another session": "{id} үзіндісі басқа сеанста жойылған",
    "{kind} {id} was removed in another session": "{kind} {id} басқа сеанста жойылған",
    "cannot create {path}: {error}; using the defaults":
        "{path} жасалмады: {error}; әдепкі баптаулар қолданылады",
    "cannot write {path}: {error}": "{path} жазылмады: {error}",
    "{path}: {key} {why}; using the default": "{path}: {key} {why}; әдепкі мән қолданылады",
    'must be a key name in quotes, like "B"': 'тырнақшадағы перне аты болуы керек, мысалы "B"',
    "must be a table ([keys])": "кесте болуы керек ([keys])",
    "must be text in quotes, not {kind} {value!r}":
        "тырнақшадағы мәтін болуы керек, {kind} {value!r} емес",
    'must be "kk" or "en", not {value!r}': '"kk" не "en" болуы керек, {value!r} емес',
    "{path}: unknown setting '{key}' (ignored)": "{path}: белгісіз баптау '{key}' (ескерілмейді)",
    "cannot read {path}: {error}; using the defaults":
        "{path} оқылмады: {error}; әдепкі баптаулар қолданылады",
    "{path} is not UTF-8 text; using the defaults":
        "{path} UTF-8 мәтіні емес; әдепкі баптаулар қолданылады",
    "{path} is not valid TOML: {error}; using the defaults":
        "{path} жарамды TOML емес: {error}; әдепкі баптаулар қолданылады",
    # the app's own warnings and its crash line
    "unknown theme {theme}; themes: {themes}":
        "белгісіз безендіру {theme}; бар безендірулер: {themes}",
    "[keys] {action}: no such action; known: {known}":
        "[keys] {action}: мұндай әрекет жоқ; барлары: {known}",
    "[keys] {action} = {key}: {shared} is also the key of {other}":
        "[keys] {action} = {key}: {shared} — {other} әрекетінің де пернесі",
    "search index unavailable ({error}); reading the folder":
        "іздеу индексі қолжетімсіз ({error}); қалта тікелей оқылады",
    "{line} (the details are in {path})": "{line} (толығы: {path})",
    "{n} entries left out (kept in the file): {which}":
        "{n} жазба тізімге кірмеді (файлда сақталған): {which}",
    "This note has a draft from {when} that was never saved. Restore it?":
        "Бұл жазбаның {when} кезіндегі сақталмаған нобайы бар. Қалпына келтіру керек пе?",
    "Cannot keep a draft of this note: {error}": "Жазба нобайы сақталмады: {error}",
    "{path} can be read again; bookmarks and notes are saved as usual.":
        "{path} қайта оқылады; бетбелгілер мен жазбалар әдеттегідей сақталады.",
    "[keys] {action} = {key}: not a key name": "[keys] {action} = {key}: перне атауы емес",
    "Press {key} to quit.": "Шығу үшін {key} басыңыз.",
    "Do you want to quit?": "Шығу керек пе?",
    "archive folder {path}: {error}": "мұрағат қалтасы {path}: {error}",
    "left out of the list (kept in the file): {why}": "тізімге кірмеді (файлда сақталған): {why}",
    "nothing found for {query}": "{query} бойынша ештеңе табылмады",
    "In the search box": "Іздеу жолында",
    "a phrase: these words in this order": "тіркес: осы сөздер осы ретпен",
    "words that begin so": "осылай басталатын сөздер",
    "only articles from this date on (a year, month or day)":
        "тек осы күннен бергі мақалалар (жыл, ай не күн)",
    "only articles up to this date": "тек осы күнге дейінгі мақалалар",
    "only articles whose source line holds this": "тек дереккөзінде осы жазылған мақалалар",
    "only articles from this date on (2024, 2024-05, 2024-05-14)":
        "тек осы күннен бергі мақалалар (2024, 2024-05, 2024-05-14)",
    "only articles whose source line holds this, like egemen.kz":
        "тек дереккөзінде осы жазылған мақалалар, мысалы egemen.kz",
    "{text!r} is not a date: write 2024, 2024-05 or 2024-05-14":
        "{text!r} күн емес: 2024, 2024-05 не 2024-05-14 деп жазыңыз",
    "the search starts ({start}) after it ends ({end})":
        "іздеудің басы ({start}) соңынан ({end}) кейін тұр",
    "source: needs a name, like source:egemen.kz":
        "source: атауы керек, мысалы source:egemen.kz",
    "archive (the default), or library: your bookmark labels and notes":
        "archive (әдепкі), не library: бетбелгі атаулары мен жазбаларыңыз",
    "--in library searches what you wrote instead: bookmark labels and note texts, "
    "newest first. --from and --to are then the day a bookmark or note was made, and "
    "--source the source line of its article.":
        "--in library сіз жазғанды іздейді: бетбелгі атаулары мен жазба мәтіндерін, ең "
        "жаңасынан бастап. Сонда --from мен --to бетбелгі не жазба жасалған күнді, ал "
        "--source оның мақаласының дереккөзін білдіреді.",
    "in your bookmark labels and notes": "бетбелгі атаулары мен жазбаларыңыздан",
    "Filter": "Сүзу",
    "To the list": "Тізімге",
    "{shown} of {total}": "{total} ішінен {shown}",
    'in the labels: words, "a phrase", prefix*; #tag':
        'атауларда: сөздер, "тіркес", түбір*; #тег',
    'in the notes: words, "a phrase", prefix*; #tag':
        'жазбаларда: сөздер, "тіркес", түбір*; #тег',
    # tags, citations, the highlights screen, where each entry is now (issue 12, the app)
    'in the passages and their notes: words, "a phrase", prefix*; #tag':
        'үзінділер мен олардың жазбаларында: сөздер, "тіркес", түбір*; #тег',
    "Cite": "Дәйексөз",
    "Citation copied (¶ {n}).": "Дәйексөз көшірілді (¶ {n}).",
    "Citation copied (the highlight on ¶ {n}).": "Дәйексөз көшірілді (үзінді, ¶ {n}).",
    "Nothing to cite here: the article or its paragraph has gone.":
        "Мұнда дәйексөз алуға болмайды: мақала немесе оның абзацы енді жоқ.",
    "Tags": "Тегтер",
    "Tag prompt": "Тег енгізу",
    "Complete": "Толықтыру",
    "Tags — {what}": "Тегтер — {what}",
    "Tags saved: {tags}": "Тегтер сақталды: {tags}",
    "Tags removed.": "Тегтер алынды.",
    "Tags added or removed here change each of them.":
        "Мұнда қосылған не алынған тегтер олардың әрқайсысына қолданылады.",
    "Spaces separate tags, or commas to keep words together. Tab or → takes the suggestion.":
        "Тегтер бос орынмен бөлінеді, сөздерді бірге ұстау үшін үтірмен. Tab не → ұсынысты "
        "қабылдайды.",
    "policy budget, or: local council, budget":
        "саясат бюджет, немесе: аудандық мәслихат, бюджет",
    "Nothing to tag on ¶ {n}: bookmark it (b), write a note (n) or highlight a passage (v) "
    "first.":
        "¶ {n} абзацында тег қоятын ештеңе жоқ: алдымен бетбелгі (b), жазба (n) немесе "
        "үзінді (v) қосыңыз.",
    "Highlights": "Үзінділер",
    "Open at the highlight": "Үзінді тұрған жерден ашу",
    "No highlights yet: press v in an article, extend the passage, then Enter.":
        "Әзірге үзінді жоқ: мақалада v басып, үзіндіні кеңейтіңіз, сосын Enter.",
    "Delete the highlight on “{title}”?": "«{title}» мақаласындағы үзіндіні жою керек пе?",
    "edited: found again after the article changed":
        "өзгерген: мақала өзгергеннен кейін қайта табылды",
    "moved: now {id}": "көшкен: енді {id}",
    "orphaned: its text is no longer in the article":
        "мәтіннен табылмады: мақалада оның мәтіні енді жоқ",
    "Could not check where the entries are now: {error}":
        "Жазбалардың қазір қай жерде екенін тексеру мүмкін болмады: {error}",
    "Nothing matches {text}: Escape shows every entry again.":
        "{text} ештеңеге сәйкес келмейді: Escape бәрін қайта көрсетеді.",
    "{n} found": "{n} табылды",
    "without the date and source filters: {found}": "күн мен дереккөз сүзгісінсіз: {found}",
    "did you mean {spelling}? ({found})": "мүмкін, {spelling}? ({found})",
    "as words, not a phrase: {query} ({found})": "тіркес емес, жеке сөздер: {query} ({found})",
    "no article has the word {word}": "«{word}» сөзі ешбір мақалада жоқ",
    "nothing to search for: type letters or digits":
        "іздейтін ештеңе жоқ: әріп не сан теріңіз",
    # problems that carry a value (reader.i18n.PROBLEM_MESSAGES) and the folder walk's
    "bad date '{value}'": "күні қате: '{value}'",
    "truncated at {value}": "{value} шегінде қысқартылды",
    "cannot read file: {value}": "файл оқылмады: {value}",
    "cannot read folder: {value}": "қалта оқылмады: {value}",
    "folder symlink not followed": "қалтаға сілтеме ашылмады",
    # Textual's own command palette entries
    "Theme": "Безендіру",
    "Change the current theme": "Түс безендіруін ауыстыру",
    "Quit the application as soon as possible": "Бағдарламадан бірден шығу",
    "Show help for the focused widget and a summary of available keys":
        "Таңдалған бөлікке анықтама және пернелер тізімі",
    "Hide the keys and widget help panel": "Пернелер мен анықтама панелін жасыру",
    "Minimize": "Кішірейту",
    "Minimize the widget and restore to normal size": "Бөлікті қалыпты өлшеміне қайтару",
    "Maximize": "Үлкейту",
    "Maximize the focused widget": "Таңдалған бөлікті бүкіл экранға жаю",
    "Screenshot": "Скриншот",
    "Save an SVG 'screenshot' of the current screen": "Экранның SVG суретін сақтау",
    "Search for commands…": "Пәрмен іздеу…",
    "Search for themes…": "Безендіру іздеу…",
    # CLI bad input
    "the reader needs a terminal ({stream} is not one); use `kz-reader list` or `show` in "
    "scripts":
        "оқу құралына терминал керек ({stream} терминал емес); скриптерде `kz-reader list` "
        "не `show` қолданыңыз",
    "standard output is closed": "стандартты шығыс жабық",
    "standard output is not open for writing": "стандартты шығыс жазуға ашылмаған",
    "the search index was damaged; it has been rebuilt ({path})":
        "іздеу индексі бүлінген екен; ол қайта құрылды ({path})",
    "must not contain a NUL character": "ішінде NUL таңбасы болмауы керек",
    "names the home folder of {user!r}, who is not a user here":
        "{user!r} пайдаланушысының үй қалтасын көрсетеді, ал мұнда ондай пайдаланушы жоқ",
    "starts with ~, but there is no home folder (HOME is not set)":
        "~ белгісінен басталады, бірақ үй қалтасы жоқ (HOME орнатылмаған)",
    "{where} is larger than {mib} MiB: not a kz-reader export":
        "{where} {mib} МиБ-тан үлкен: бұл kz-reader экспорты емес",
    "standard input is closed": "стандартты кіріс жабық",
    "{where} is not a regular file": "{where} кәдімгі файл емес",
    "nested too deeply": "тым терең кірістірілген",
    "; and {n} more": "; тағы {n}",
    "--into {into!r} leads out of the archive (to {path}) through a symbolic link; name a "
    "folder inside it":
        "--into {into!r} символдық сілтеме арқылы мұрағаттан тыс жерге ({path}) апарады; "
        "мұрағат ішіндегі қалтаны көрсетіңіз",
    "build or refresh the search index": "іздеу индексін құру немесе жаңарту",
    "look at every file, not only in folders that changed (finds edits in place)":
        "өзгерген қалталардағы ғана емес, әр файлды қарау (орнында түзетілгенін табады)",
    "what changed since the last look": "соңғы қараудан бергі өзгерістер",
    "every file, for a nightly job": "әр файл, түнгі тапсырма үшін",
    "Build the search index, or bring it up to date. Every command does this by "
    "itself, looking only in folders whose time changed (a file added, removed or "
    "renamed over); --full also reads every file's size and time, which finds a file "
    "edited in place. On a terminal a progress bar shows; the summary line goes to "
    "standard output. Another kz-reader indexing the same archive is waited for.":
        "Іздеу индексін құрады немесе жаңартады. Әр команда мұны өзі істейді, тек уақыты "
        "өзгерген қалталарды қарайды (файл қосылса, жойылса немесе үстінен ауыстырылса); "
        "--full әр файлдың өлшемі мен уақытын да оқиды, сонда орнында түзетілген файл "
        "табылады. Терминалда үдеріс жолағы көрінеді; қорытынды жол стандартты шығысқа "
        "жазылады. Сол мұрағатты индекстеп жатқан басқа kz-reader күтіледі.",
    "indexing": "индекстелуде",
    "{time} left": "{time} қалды",
    "{n} article in the index": "индексте {n} мақала",
    "{n} articles in the index": "индексте {n} мақала",
    "{added} added, {changed} changed, {removed} removed in {seconds} s":
        "{added} қосылды, {changed} өзгерді, {removed} жойылды, {seconds} с",
    "{n} folder not read": "{n} қалта оқылмады",
    "{n} folders not read": "{n} қалта оқылмады",
    "looking through the archive: {n} folders": "мұрағат қаралуда: {n} қалта",
    "leave the index readable by users who may not write it ($KZ_READER_INDEX_DIR)":
        "индексті оған жаза алмайтын пайдаланушылар да оқитындай қалдыру "
        "($KZ_READER_INDEX_DIR)",
    "one index for every user of a server": "сервердің барлық пайдаланушысына бір индекс",
    "--shared leaves the index readable by users who may not write to its folder "
    "($KZ_READER_INDEX_DIR, which they set too): they search it as it is, and the "
    "owner's cron job keeps it up to date.":
        "--shared индексті оның қалтасына жаза алмайтын пайдаланушылар да оқитындай "
        "қалдырады (олар да $KZ_READER_INDEX_DIR орнатады): олар оны сол күйінде іздейді, "
        "ал иесінің cron тапсырмасы оны жаңартып отырады.",
    "the search index in {folder} is kept by its owner; you may read it but not update it":
        "{folder} ішіндегі іздеу индексін иесі жүргізеді; оны оқуға болады, жаңартуға болмайды",
    "the index is still in WAL mode, which readers without write access cannot open: close "
    "the other kz-reader using it and run this again":
        "индекс әлі WAL режимінде, оны жазу құқығы жоқ оқырмандар аша алмайды: оны "
        "қолданып отырған басқа kz-reader-ді жауып, мұны қайта іске қосыңыз",
    "no search index in {folder}, and no write access to make one":
        "{folder} ішінде іздеу индексі жоқ, оны жасауға жазу құқығы да жоқ",
    "the search index in {folder} cannot be used, and only its owner can rebuild it "
    "(kz-reader index)":
        "{folder} ішіндегі іздеу индексін қолдану мүмкін емес, оны тек иесі қайта құра алады "
        "(kz-reader index)",
    "the search index in {folder} is damaged, and only its owner can rebuild it "
    "(kz-reader index)":
        "{folder} ішіндегі іздеу индексі бүлінген, оны тек иесі қайта құра алады "
        "(kz-reader index)",
    # issue 12, the app: passages chosen with v, marks found again in a changed article
    "Highlight a passage": "Үзінді белгілеу",
    "Save highlight": "Үзіндіні сақтау",
    "+ sentence": "+ сөйлем",
    "− sentence": "− сөйлем",
    "+ word": "+ сөз",
    "− word": "− сөз",
    "Start a sentence earlier": "Бір сөйлем ертерек бастау",
    "Start a sentence later": "Бір сөйлем кейінірек бастау",
    "Start a word earlier": "Бір сөз ертерек бастау",
    "Start a word later": "Бір сөз кейінірек бастау",
    "Choosing a passage (after v)": "Үзінді таңдау (v пернесінен кейін)",
    "On a highlight: a note on it": "Үзінді басталатын абзацта: үзіндіге жазба",
    "There is no text here to highlight.": "Мұнда белгілейтін мәтін жоқ.",
    "The selection reaches the end of the article.": "Таңдау мақаланың соңына жетті.",
    "The selection reaches the start of the article.": "Таңдау мақаланың басына жетті.",
    "A highlight holds at most {n} characters: make it shorter with k or b.":
        "Үзіндіде ең көбі {n} таңба болады: оны k не b пернесімен қысқартыңыз.",
    "Highlight saved (¶ {n}); n there writes a note on it.":
        "Үзінді сақталды (¶ {n}); сол жерде n пернесі оған жазба жазады.",
    "Note on the highlight “{quote}” — {title}": "«{quote}» үзіндісіне жазба — {title}",
    "Not found in the text any more": "Мәтіннен енді табылмады",
    "{n} mark": "{n} белгі",
    "{n} marks": "{n} белгі",
    "The article has changed: {count} found again in its new text.":
        "Мақала өзгерген: {count} оның жаңа мәтінінен қайта табылды.",
    "{count} followed the article to its new place in the archive.":
        "{count} мақаламен бірге мұрағаттағы жаңа орнына көшті.",
    "{count} no longer in the text: shown at the end of the article.":
        "{count} енді мәтінде жоқ: мақаланың соңында көрсетілді.",
    "Could not check where the bookmarks and notes are in this article: {error}":
        "Бетбелгілер мен жазбалардың осы мақалада қай жерде екенін тексеру мүмкін "
        "болмады: {error}",
    "then keep it up to date as files change, until stopped; every command asks it instead "
    "of looking through the archive (Linux)":
        "сосын файлдар өзгерген сайын тоқтатылғанша жаңартып отыру; әр команда мұрағатты "
        "қарап шықпай, содан сұрайды (Linux)",
    "waiting for the index watcher": "индекс бақылаушысы күтілуде",
    "watching {n} folder for changes (Ctrl-C stops)":
        "{n} қалтаның өзгерістері бақылануда (Ctrl-C тоқтатады)",
    "watching {n} folders for changes (Ctrl-C stops)":
        "{n} қалтаның өзгерістері бақылануда (Ctrl-C тоқтатады)",
    "too many folders to watch ({n}): raise fs.inotify.max_user_watches, or run kz-reader "
    "index from cron":
        "бақылауға қалта тым көп ({n}): fs.inotify.max_user_watches мәнін арттырыңыз "
        "немесе kz-reader index-ті cron-нан іске қосыңыз",
    "the archive is on a network file system ({kind}): changes made on other machines are "
    "never reported; run kz-reader index from cron instead":
        "мұрағат желілік файл жүйесінде ({kind}): басқа машиналардағы өзгерістер ешқашан "
        "хабарланбайды; оның орнына kz-reader index-ті cron-нан іске қосыңыз",
    "the index's path is too long for a socket: {path}":
        "индекстің жолы сокет үшін тым ұзын: {path}",
    "another kz-reader index --watch is watching this archive":
        "бұл мұрағатты басқа kz-reader index --watch бақылап отыр",
    "could not take the changes in: {error}": "өзгерістерді енгізу мүмкін болмады: {error}",
    "cannot watch the archive: {error}": "мұрағатты бақылау мүмкін емес: {error}",
}

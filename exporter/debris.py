"""Debris: lines a news page prints around the article that are not part of it.

Calls to action ("Sign up for our newsletter", "Click here to get the app"),
share and comment labels ("Facebook", "3 comments"), copyright lines, and a
writer's contact line ("Email the author at …"). A saved page carries them
inside the article's container, and text pasted from a page carries them as
lines among the paragraphs. Each kind is a named rule here, for both readers:
the HTML reader drops such blocks (and says so), the text reader never makes
one a heading or glues it to a paragraph, and ``inspect`` lists it as
probable debris. Picture credits, datelines and "Read more" teasers are
news conventions of their own (:mod:`exporter.news`).

The rules look at a whole line (a block's text), never at words inside a
sentence: "Readers can sign up at the library" is prose, "Sign up now" is not.
"""

from __future__ import annotations

import functools
import re

from exporter.news import HANDLE_IN_BRACKETS, is_editors_note, stands_alone

#: A call to action is short: a longer paragraph that starts "Follow" is prose.
MAX_CALL_WORDS = 40

#: Lines that ask the reader to do something on the site, in the languages
#: the readers know, as they open: an imperative or a question put to the
#: reader. Case-insensitive; matched at the start of the line.
CALL_TO_ACTION_START = re.compile(
    r"(?:click|tap)\s+(?:here|to)\b|sign\s+up\b|subscribe\b|register\s+(?:now|for|here)\b"
    r"|join\s+(?:us|our|the)\b|follow\s+(?:us|me|him|her|them|our)\b|download\s+(?:the|our)\b"
    r"|get\s+(?:the\s+(?:latest|best|app)|our|access|\w+\s+(?:news|business)\s+on\s+the\s+go)\b"
    r"|(?:like|liked|enjoy|enjoyed)\s+this\s+(?:story|article|post)\b|share\s+(?:this|it|on)\b"
    r"|(?:email|e-mail|reach|contact)\s+(?:the\s+)?(?:writer|writers|author|authors|reporter"
    r"|reporters|us|him|her|them)\b|continue\s+reading\b|story\s+continues\b|read\s+(?:the|our)\s+full\b"
    r"|comment\s+on\s+this\s+(?:story|article)\W*$"
    r"|you\s+(?:may|might)\s+also\s+like\b|don[’']?t\s+miss\b"
    # a sponsor's label, not "Sponsored by the EU, the project…"
    r"|sponsored(?:\s+(?:content|post|story|stories|links?|article))?\W*$"
    r"|sponsored\s+by(?:\s+[^\s.,;:!?]+){1,4}\W*$"
    r"|(?:want|looking)\s+(?:more|to\s+read)\b|never\s+miss\b|support\s+(?:our|independent)\b"
    r"|(?:view|see|watch)\s+(?:the\s+)?(?:photos?|gallery|images?|videos?|slideshow)\b"
    # an audio player's label: "Listen to this article", "Artikel anhören"
    r"|listen\s+to\s+(?:this|the)\s+(?:article|story)\b|(?:artikel|beitrag)\s+(?:anhören|vorlesen|hören)\b"
    r"|écouter\s+(?:cet\s+|l['’]\s*)article\b|escuchar\s+(?:este\s+|el\s+)?artículo\b"
    r"|ascolta\s+(?:questo\s+|l['’]\s*)articolo\b|ouvir\s+(?:este\s+|o\s+)?(?:artigo|texto)\b"
    # a paywall's prompts, as the whole line where prose may open alike: "Log
    # in to continue", "Already a subscriber?" ("Jetzt testen Forscher …" is prose)
    r"|log\s+in\s+to\s+(?:continue|read|keep\s+reading|comment)\b|create\s+a\s+(?:free\s+)?account\W*$"
    r"|already\s+a\s+(?:subscriber|member)\s*\?|subscribers?\s+only\W*$|gift\s+this\s+(?:article|story)\b"
    r"|(?:this\s+)?article\s+(?:is\s+)?reserved\s+for\s+subscribers\b|lee\s+sin\s+límites\W*$"
    r"|article\s+réservé\s+aux\s+abonnés\b|offrir\s+cet\s+article\W*$"
    r"|jetzt\s+(?:lesen|weiterlesen|testen)\W*$|weiterlesen\s+mit\s+\w+\W*$"
    # German, where an infinitive opens prose too ("Anmelden müssen sich die
    # Teilnehmer bis Freitag", "Folgen sie dem Aufruf, …"): alone, after
    # "jetzt", or with what it asks for; "Sie" as the reader is addressed
    r"|jetzt\s+(?:abonnieren|anmelden|registrieren)\b|(?:abonnieren|anmelden|registrieren)\W*$"
    r"|(?:anmelden|registrieren)\s+(?:und|&)\s+(?:weiter)?lesen\b|newsletter\s+abonnieren\b"
    r"|(?:folgen|teilen)\s+(?-i:Sie)\s+(?:uns|unser\w*|de[mnr]|dies\w*|ihm|ihr)\b|artikel\s+teilen\b"
    r"|mehr\s+lesen\b|weiterlesen\b"
    # French, Spanish, Italian, Portuguese
    r"|abonnez-vous\b|inscrivez-vous\b|suivez-nous\b|lire\s+la\s+suite\b"
    r"|suscríbete\b|suscribete\b|síguenos\b|sigue\s+leyendo\b"
    r"|(?:compartir\s+en|partager\s+sur|condividi\s+su|teilen\s+auf)\s+(?:whatsapp|facebook"
    r"|twitter|x|telegram|linkedin|pinterest|bluesky|threads)\b"
    r"|iscriviti\b|seguici\b|continua\s+a\s+leggere\b"
    r"|assine(?:\s+(?:j[aá]|agora|gr[aá]tis|(?:a\s+)?nossa\s+newsletter))?\W*$"
    r"|assine\s+(?:já|agora)\b|inscreva-se\b|siga-nos\b|continua\s+depois\b|continue\s+lendo\b"
    # Dutch, Polish, Russian, Indonesian
    r"|abonneer\b|schrijf\s+je\s+in\b|volg\s+ons\b"
    r"|subskrybuj\b|zapisz\s+się\b|подпишитесь\b|подписывайтесь\b"
    r"|поделиться(?:\s+(?:ссылкой|статьей|статьёй|новостью|в\s+соцсетях))?\W*$|ikuti\s+kami\b"
    # Indonesian "share" and "subscribe" open prose too ("Bagikan data itu…"):
    # with what they ask for only, or alone
    r"|(?:bagikan|berlangganan)\s+(?:artikel|berita|ini|newsletter|sekarang|gratis)\b"
    r"|(?:bagikan|berlangganan)\W*$",
    re.IGNORECASE,
)

#: Calls to action in Chinese, Japanese, Korean, Arabic, Hebrew, Hindi and
#: Thai, as they open a line of at most :data:`MAX_SCRIPT_CALL_CHARS`
#: characters (a Chinese paragraph has no spaces, so its word count says
#: nothing): "阅读全文", "続きを読む", "뉴스레터 구독하기", "اقرأ المزيد", "और पढ़ें".
CALL_TO_ACTION_SCRIPTS = re.compile(
    r"点击(?:查看|阅读|这里|下载)|點擊(?:查看|閱讀|這裡|下載)|(?:阅读|閱讀|查看)(?:全文|原文)"
    r"|(?:关注|關注|订阅|訂閱)(?:我们|我們|本|公众号|公眾號)|分享(?:到|至)"
    r"|続きを読む|ニュースレター(?:に登録|を購読)|フォローする|シェアする"
    r"|뉴스레터\s*(?:구독|신청)|기사\s*공유|구독하기|공유하기"
    r"|اشترك\s+(?:في|الآن)|تابعونا|اقرأ\s+المزيد|הירשמו|לחצו\s+כאן|המשך\s+לקרוא"
    r"|और\s+पढ़ें|सब्सक्राइब\s+करें|फॉलो\s+करें|อ่านต่อ|สมัครรับ|ติดตามเรา"
)
MAX_SCRIPT_CALL_CHARS = 30

#: Labels that are debris only as the whole line, being words prose also
#: opens with ("Anzeige gegen den Fahrer wurde erstattet", "Reklama w
#: telewizji…", "Iklan rokok dilarang…"): "Advertisement" in the languages
#: the readers know, perhaps with a colon or dashes around it, or with what
#: the reader is to do past it.
CALL_TO_ACTION_LINE = re.compile(
    r"(?:advertisement|anzeige|publicité|publicidad|pubblicità|publicidade|advertentie"
    r"|reklama|реклама|iklan|广告|廣告|広告|광고|إعلان|פרסומת|विज्ञापन|โฆษณา)"
    # "Advertisement - Scroll to continue", "Anzeige – weiter im Text"
    r"(?:\W+(?:scroll|continue|story|article|weiter)\b[\w\s-]*)?\W*",
    re.IGNORECASE,
)

#: Calls to action that stand anywhere in a short line: the site's newsletter
#: ("our daily newsletter", "Newsletter sign-up", a label of a few words
#: ending in "newsletter"; not any sentence naming one: "The council said in
#: its newsletter that …" is prose), affiliate notes ("IGN may get a share of
#: the sale"), "delivered to your inbox", "every Friday in your inbox", "our
#: letter brings … to your inbox"; "sign up for" opening a clause ("Like this
#: story? Sign up for …") or asking for the site's own ("…to sign up for our
#: newsletter"); "Follow her on X" opening a clause after the writer's note.
#: Prose says the like otherwise: "Consumers can sign up for the service on
#: Tuesday", "Phishing mails that land in your inbox look real", "Millions
#: follow her on Instagram".
CALL_TO_ACTION_ANYWHERE = re.compile(
    r"\b(?:our|free|daily|weekly|morning|evening)\s+(?:[\w’'-]+\s+){0,3}newsletters?\b"
    r"|\bnewsletters?\s*(?:sign[\s-]?ups?|subscriptions?)\b|^(?:[\w’'-]+\s+){0,4}newsletters?\W*$"
    r"|^newsletters?\b\W*(?:[\w’'-]+\W*){0,6}$|\bnewsletter\s+abonnieren\b"
    r"|\b(?:delivered|sent|straight|directly|right)\s+(?:to|in(?:to)?)\s+your\s+inbox\b"
    r"|\b(?:to|in)\s+your\s+inbox\s+(?:every|each)\b|\bour\b.{0,80}\b(?:to|in(?:to)?)\s+your\s+inbox\b"
    r"|\bget\s+a\s+share\s+of\s+the\s+sale\b|\bmay\s+(?:earn|receive|get)\s+(?:a\s+)?"
    r"(?:commission|affiliate)\b|\bpromo\s+code\b|\buse\s+the\s+code\b|\bfollow\s+(?:us|me)\s+on\b"
    r"|\bon\s+(?:twitter|facebook|instagram)\s+@\w+"
    r"|^follow\b.{0,60}\bon\s+(?:twitter|facebook|instagram|tiktok|youtube|linkedin)\b"
    r"|[.!?:;|–—]\s*sign\s+up\s+(?:for|to)\b|\bsign\s+up\s+(?:for|to)\s+(?:our|my)\b"
    r"|\bclick\s+here\b|[.!?:;|–—]\s*follow\s+(?:him|her|them)\s+(?:on\b|@)"
    r"|\bsubscribe\s+(?:now|today|to\s+our)\b"
    r"|^(?:e-?mail)\s+[\w .’'-]{1,40}\s+at\s+\S+@\S+",
    re.IGNORECASE,
)

#: Names of share targets and page functions that stand alone as link labels.
SHARE_LABELS = frozenset(
    label.casefold()
    for label in (
        "Facebook", "Twitter", "X", "WhatsApp", "Pinterest", "LinkedIn", "Reddit", "Tumblr",
        "Telegram", "Email", "E-mail", "Mail", "Print", "Share", "Tweet", "RSS", "Google+",
        "Flipboard", "Pocket", "Hatena", "Line", "VK", "Xing", "Messenger", "Copy link",
        "Teilen", "Drucken", "Partager", "Imprimer", "Compartir", "Imprimir", "Condividi",
        "Stampa", "Compartilhar", "Delen", "Поделиться", "Bagikan", "공유", "シェア",
        "Comments", "Comment", "Kommentare", "Commentaires", "Comentarios", "Commenti",
        "Comentários", "Комментарии", "Komentar", "Loading", "Loading…", "Loading …",
        "Photo", "Video", "Audio", "Gallery", "Back to top", "Top", "Voltar", "Zurück",
        "Previous article", "Next article", "Previous post", "Next post", "Previous story",
        "Next story", "Older posts", "Newer posts", "View comments", "Show comments",
        "Like this:", "Skip to content", "Log in", "Sign in",
        # controls of a gallery, a teaser list, a long story
        "Read more", "Read later", "Show more", "Load more", "See more", "Close", "Caption",
        "Expand", "Bookmark", "Trending",
        # a page's controls, as a copy keeps their labels
        "Skip to main content", "Share full article", "Share this article",
        "Share this story", "Copy link to clipboard", "Save", "Save article",
        "Gift article", "Add topic", "Enlarge this image", "Open image modal", "Show caption",
        "Hide caption", "Toggle caption", "Play video", "Reuse this content",
        "Link kopieren", "Zur Merkliste hinzufügen", "Merken", "Bild vergrößern",
        "Video abspielen", "Audio abspielen", "Zur Startseite", "Zurück zur Startseite",
        "Ajouter à vos sélections", "Copier le lien", "Copiar enlace", "Copia link",
        # the heads of a page's rails of other stories and of embedded content
        "Most viewed", "Most read", "Most popular", "More on this story", "Related topics",
        "Explore more on these topics", "What to read next", "Read next", "Up next",
        "From our partners", "Story highlights", "Weitere Artikel", "Mehr Nachrichten",
        "Das könnte Sie auch interessieren", "Empfohlener redaktioneller Inhalt",
        "Externer Inhalt", "Noticias relacionadas", "Articles liés", "Sur le même sujet",
    )
)  # fmt: skip

#: A gallery's counter: "1 of 5", "Photo 3 of 12", "Bild 2 von 8", "4/12".
GALLERY_COUNTER = re.compile(
    r"(?:(?:photo|image|picture|slide|bild|foto|imagen|immagine|diapositiva)\s+)?"
    r"\d{1,3}\s*(?:of|von|de|di|sur|/)\s*\d{1,3}",
    re.IGNORECASE,
)

#: Labels a page prints alone on a line, naming what stands there rather
#: than saying anything: a picture's placeholder, which text copied from a
#: page keeps where the picture was ("Image", "Bild"), and the section label
#: over the headline ("Opinion", "Meinung"). A heading of the article says
#: more than one of these words.
PAGE_LABELS = frozenset(
    label.casefold()
    for label in (
        "Image", "Images", "Picture", "Bild", "Bilder", "Foto", "Fotos", "Imagen", "Immagine",
        "Imagem", "Afbeelding", "Zdjęcie", "Фото", "Изображение",
        "Opinion", "Opinions", "Meinung", "Opinión", "Opinione", "Opinião", "Opinie",
        "Мнение", "Opini",
    )
)  # fmt: skip

#: How long the article takes to read, as pages print it under the headline:
#: "5 min read", "Reading time: 4 minutes", "Lesezeit: 3 Min.", "3 min de
#: lecture", "Tiempo de lectura: 2 minutos".
READING_TIME = re.compile(
    r"(?:about\s+|ca\.\s*)?\d+(?:\s*[-–]\s*\d+)?\s*[-‑]?\s*(?:min(?:ute)?s?|minuten?)\.?\s+"
    r"(?:read|reading|lesen|lesezeit|de\s+lecture|de\s+lectura|di\s+lettura|de\s+leitura|leestijd)"
    r"|(?:reading\s+time|read\s+time|lesezeit|lesedauer|temps\s+de\s+lecture|tiempo\s+de\s+lectura"
    r"|tempo\s+di\s+lettura|tempo\s+de\s+leitura|leestijd|lästid|lesetid|læsetid|czas\s+czytania"
    r"|время\s+чтения|waktu\s+baca)\s*[:：]?\s*(?:about\s+|ca\.\s*|etwa\s+|~\s*)?\d+"
    r"(?:\s*[-–]\s*\d+)?\s*(?:min(?:ute)?s?|minuten?|minutos?|minuti|minutter|minuter|minut|мин"
    r"|минут\w*|menit)\.?"
    # an audio player's length: "Listen 5 min", "Listen (3 min)"
    r"|listen\s*\(?\s*\d+\s*min(?:ute)?s?\.?\s*\)?",
    re.IGNORECASE,
)

#: How old the article is, as a page warns over an old story: "This
#: article is more than 2 years old".
AGE_NOTICE = re.compile(
    r"this\s+(?:article|story)\s+is\s+(?:more|over)\s+than\s+\w+\s+(?:years?|months?)\s+old\.?",
    re.IGNORECASE,
)

#: A line with a reading time is short: "Jane Roe · Mar 3, 2024 · 5 min read".
MAX_READING_TIME_WORDS = 12

#: Labels of a line listing the story's tags or sections: "Tags: Apple,
#: MacBook Pro", "Filed under: Politics", "Schlagworte: …", "Etiquetas: …".
TAXONOMY_LABEL = re.compile(
    r"(?:tags?|tagged(?:\s+with)?|topics?|related\s+topics|filed\s+(?:under|in)|categor(?:y|ies)"
    r"|keywords|schlagw(?:orte|örter)|stichw(?:orte|örter)|themen|mots[\s-]cl[ée]s|thèmes"
    r"|catégories?|etiquetas|temas|categor[ií]as?|palavras[\s-]chave|argomenti|categorie"
    r"|trefwoorden|onderwerpen|теги|метки|рубрики?|etiketler|kategori|topik)\s*:\s*(?P<items>.+)"
    r"|posted\s+in\s+(?P<sections>.+)",
    re.IGNORECASE,
)

#: A tag is a few words; a list of them a line of a few tags.
MAX_TAG_WORDS = 4
MAX_TAG_LINE_WORDS = 24

#: Lines that head only a comment section: "Leave a Reply", "Comments are closed".
COMMENT_INVITATION = r"(?:leave|post|add)\s+a\s+(?:comment|reply)|comments?\s+are\s+closed\.?"

#: "3 comments", "12 replies", "1 Kommentar", "5 thoughts on “…”".
COMMENT_COUNT = re.compile(
    r"\d+\s+(?:comments?|replies|reply|responses?|kommentare?|commentaires?|comentarios?"
    r"|commenti|comentários?|комментари\w*|komentar)"
    rf"|\d+\s+thoughts?\s+on\s+[“\"«„].*|{COMMENT_INVITATION}",
    re.IGNORECASE,
)

#: "© 2024 Coastal Courier", "Copyright ⓒ …", "All rights reserved".
COPYRIGHT = re.compile(
    r"(?:©|ⓒ|\(c\)\s|copyright\s*(?:©|ⓒ|\(c\)|\d{4})).*|.*\ball\s+rights\s+reserved\b.*"
    r"|.*무단\s*전재.*",
    re.IGNORECASE,
)

#: A picture credit is a credit of its own (:func:`exporter.news.is_credit_line`);
#: a copyright line is this long at most, beyond that it is a paragraph about one.
MAX_COPYRIGHT_CHARS = 200


def is_call_to_action(line: str) -> bool:
    """A line that asks the reader to do something on the site: subscribe,
    sign up, click, follow, share, get the app, read on; or an affiliate or
    newsletter note. Short (:data:`MAX_CALL_WORDS` words), and either it
    opens like one (:data:`CALL_TO_ACTION_START`; :data:`CALL_TO_ACTION_SCRIPTS`
    in a short line), says one anywhere (:data:`CALL_TO_ACTION_ANYWHERE`) or
    is one of the labels that are debris only alone (:data:`CALL_TO_ACTION_LINE`)."""
    text = " ".join(line.split()).strip(" \t[](){}*•·|-–—>»")
    if not text or len(text.split()) > MAX_CALL_WORDS:
        return False
    return bool(
        CALL_TO_ACTION_START.match(text)
        or CALL_TO_ACTION_ANYWHERE.search(text)
        or (len(text) <= MAX_SCRIPT_CALL_CHARS and CALL_TO_ACTION_SCRIPTS.match(text))
        or CALL_TO_ACTION_LINE.fullmatch(text)
    )


def is_share_label(line: str) -> bool:
    """A lone share target or page function: "Facebook", "Print", "RSS",
    "Comments", "Loading…"; several in a row ("Facebook Twitter WhatsApp")."""
    text = " ".join(line.split()).strip(" |·•/")
    if not text:
        return False
    if text.casefold() in SHARE_LABELS:
        return True
    parts = [part for part in re.split(r"\s*[|·•/]\s*|\s+", text) if part]
    return len(parts) > 1 and all(part.casefold() in SHARE_LABELS for part in parts)


def is_page_label(line: str) -> bool:
    """A picture's placeholder or a section's label alone on its line
    (:data:`PAGE_LABELS`): "Image", "Bild", "Opinion"; or a gallery's
    counter (:data:`GALLERY_COUNTER`: "Photo 3 of 12")."""
    text = " ".join(line.split()).strip(" |·•:")
    return text.casefold() in PAGE_LABELS or GALLERY_COUNTER.fullmatch(text) is not None


def is_reading_time(line: str) -> bool:
    """A line telling how long the article takes to read (:data:`READING_TIME`),
    alone or beside the byline and the date as a part parted by "·", "•" or
    "|": "5 min read", "Jane Roe · Mar 3, 2024 · 5 min read", "Listen 5 min";
    or how old it is (:data:`AGE_NOTICE`)."""
    text = " ".join(line.split())
    if not text or len(text.split()) > MAX_READING_TIME_WORDS:
        return False
    if AGE_NOTICE.fullmatch(text):
        return True
    parts = re.split(r"\s*[·•|]\s*", text)
    return any(READING_TIME.fullmatch(part.strip(" ()[]")) for part in parts)


def is_tag_line(line: str) -> bool:
    """A line listing the story's tags or sections (:data:`TAXONOMY_LABEL`):
    short items (:data:`MAX_TAG_WORDS` words) parted by commas, bars or
    bullets, not a sentence: "Topics: the council met on Monday." is prose."""
    text = " ".join(line.split()).rstrip(" |·•,")
    match = TAXONOMY_LABEL.fullmatch(text)
    if match is None or len(text.split()) > MAX_TAG_LINE_WORDS or text.endswith((".", "!", "?")):
        return False
    items = re.split(r"\s*[,|·•;/]\s*", match["items"] or match["sections"])
    return all(0 < len(item.split()) <= MAX_TAG_WORDS for item in items)


#: The heads only a comment section has: "5 thoughts on “Harbour seals
#: return”", "12 Responses to “…”", "Leave a Reply", "Comments are closed" (a
#: bare "12 comments" also counts a teaser's comments).
COMMENT_SECTION_HEAD = re.compile(
    r"\d+\s+(?:thoughts?|responses?|comments?|replies)\s+(?:on|to)\s+[“\"«„].*"
    rf"|{COMMENT_INVITATION}",
    re.IGNORECASE,
)


def is_comment_section_head(line: str) -> bool:
    """The head of the article's own comment section
    (:data:`COMMENT_SECTION_HEAD`), never a count on another story's teaser."""
    return COMMENT_SECTION_HEAD.fullmatch(" ".join(line.split())) is not None


def is_comment_count(line: str) -> bool:
    """A comment section's head: "3 comments", "Leave a reply", "5 thoughts
    on “…”", "Comments are closed", perhaps in brackets as a button shows
    it: "[ 167 comments ]"."""
    text = " ".join(line.split())
    if text[:1] in "[(" and text[-1:] in "])":
        text = text[1:-1].strip()
    return COMMENT_COUNT.fullmatch(text) is not None


def is_copyright_line(line: str) -> bool:
    """A site's copyright line: "© 2024 Coastal Courier", "Copyright ⓒ
    Entermedia.co.kr", "All rights reserved"."""
    text = " ".join(line.split())
    return len(text) <= MAX_COPYRIGHT_CHARS and COPYRIGHT.fullmatch(text) is not None


#: An author's note is short; a longer paragraph starting with the name is prose.
MAX_AUTHOR_NOTE_WORDS = 80

#: What follows the author's name in a note about them: "is a reporter",
#: "covers the coast", "writes about", "reported from", in the readers' languages.
AUTHOR_NOTE_VERB = re.compile(
    r"(?:is|was|has\s+been|covers|covered|writes|wrote|reports|reported|contributed|edits)\b"
    r"|(?:ist|schreibt|berichtet|arbeitet)\b|(?:est|écrit|couvre)\b|(?:es|escribe|cubre)\b"
    r"|(?:è|scrive)\b|(?:é|escreve)\b|[’']s\s+(?:book|latest|new)\b",
    re.IGNORECASE,
)


#: The writer's handle after the name in a note: "Molly Wood (@mollywood) is …".
NOTE_HANDLE = re.compile(rf"^{HANDLE_IN_BRACKETS}\s*")


def is_author_note(line: str, authors: tuple[str, ...]) -> bool:
    """A note about the writer, as pages print it under the article: "Jane
    Roe covers the coast for the Courier", "Molly Wood (@mollywood) is a
    contributor", "Mike Wall's book … is out now",
    "About Jane Roe". It names one of the article's ``authors`` first, then
    says what they do (:data:`AUTHOR_NOTE_VERB`), in a few sentences
    (:data:`MAX_AUTHOR_NOTE_WORDS` words)."""
    text = " ".join(line.split())
    if not text or len(text.split()) > MAX_AUTHOR_NOTE_WORDS:
        return False
    for author in authors:
        name = " ".join(author.split())
        if not name:
            continue
        if text.casefold() in (f"about {name}".casefold(), "about the author".casefold()):
            return True
        if text.casefold().startswith(name.casefold()):
            rest = NOTE_HANDLE.sub("", text[len(name) :].lstrip(" ,"), count=1)
            if AUTHOR_NOTE_VERB.match(rest):
                return True
    return False


@functools.lru_cache(maxsize=4096)
def debris_kind(line: str) -> str:
    """What kind of debris ``line`` is ("call to action", "share label",
    "page label", "reading time", "comment count", "tag list", "copyright
    line"), or "" for none."""
    if is_share_label(line):
        return "share label"
    if is_page_label(line):
        return "page label"
    if is_reading_time(line):
        return "reading time"
    if is_comment_count(line):
        return "comment count"
    if is_tag_line(line):
        return "tag list"
    if is_copyright_line(line):
        return "copyright line"
    if is_call_to_action(line):
        return "call to action"
    return ""


def stands_before_a_title(line: str) -> bool:
    """A line the page prints above its headline, never the title itself: a
    dateline or a picture credit (:func:`~exporter.news.stands_alone`), an
    editors' note (:func:`~exporter.news.is_editors_note`: "Correction: …"),
    or page debris (:func:`debris_kind`: the section's label "Opinion", a
    picture's placeholder "Image", "Listen to this article", "5 min read")."""
    return stands_alone(line) or is_editors_note(line) or bool(debris_kind(line))

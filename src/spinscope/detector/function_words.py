"""The closed-class words of each supported language that the span clean-up (``shape``) reads.

For every language: articles, prepositions, conjunctions, pronouns, possessives,
determiners and relatives, auxiliaries and particles, written by hand (short lists of the
common forms, lower case), and the abbreviations after which a full stop does not end a
sentence. From them a ``Words`` value says what counts as a function word, what a
highlight may not end on (``trailing``: like English, everything but object pronouns and
the particles that end clauses, such as German separable prefixes and Polish "się"), and
what it may not start on (``leading``: bare connectives, copulas, "than"). German puts
auxiliaries and modal verbs at the end of subordinate clauses, so there they may end a
highlight. English is not here: its lists stay in ``shape``, as measured on PTC.
"""

from __future__ import annotations

from dataclasses import dataclass


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True)
class Words:
    """One language's word lists for the clean-up; see the module docstring."""

    function: frozenset[str]
    trailing: frozenset[str]
    leading: frozenset[str]
    abbreviations: frozenset[str] = frozenset()
    openers: str = "\"“‘'"  # a sentence may start on these
    closers: str = "\"'’”)]"  # these may follow the mark that ends a sentence


def language_words(*, closed: str, ends: str, leading: str, abbreviations: str = "", openers: str = "",
                   closers: str = "") -> Words:
    """A language's ``Words``: ``closed`` every function word, ``ends`` those of them that may end a
    highlight (object pronouns, clause-final particles), ``leading`` those that may not start one."""
    function = _set(closed)
    return Words(function, function - _set(ends), _set(leading) & function, _set(abbreviations),
                 "\"“‘'" + openers, "\"'’”)]" + closers)


RUSSIAN = language_words(
    closed="в во на с со к ко по о об обо от до из изо у за над под при про для без через между перед после "
           "около вокруг против среди ради сквозь вдоль "
           "и а но или либо да что чтобы если хотя когда потому поскольку как чем однако зато пока будто ибо "
           "не ни бы же ли вот даже уже лишь только ведь разве "
           "я ты он она оно мы вы они меня мне тебя тебе его ему её ее ей нас нам вас вам их им себя себе "
           "мой моя моё мое мои твой свой своя своё свое свои своих наш наша наше наши наших ваш ваша ваши "
           "этот эта это эти этих тот та то те который которая которое которые которых кто чей "
           "быть был была было были есть будет будут является являются",
    ends="я ты он она оно мы вы они меня мне тебя тебе его ему её ее ей нас нам вас вам их им себя себе "
         "это то же ли",
    leading="и а но или либо да однако зато чем является являются есть был была было были",
    abbreviations="г гг т.е т.д т.п т.н им ул др пр стр см руб млн млрд тыс ст проф акад ген",
    openers="«„—", closers="»“")

UKRAINIAN = language_words(
    closed="в у на з із зі до від для про по за під над при без через між перед після біля серед крізь "
           "проти щодо о об "
           "і й та а але або чи що щоб якщо хоча коли бо тому оскільки як ніж проте однак зате "
           "не ні б би ж же вже лише тільки навіть хіба ось "
           "я ти він вона воно ми ви вони мене мені тебе тобі його йому її їй нас нам вас вам їх їм себе собі "
           "мій моя моє мої твій свій своя своє свої своїх наш наша наше наші наших ваш ваша ваші "
           "цей ця це ці цих той те ті який яка яке які яких хто чий "
           "бути був була було були є буде будуть",
    ends="я ти він вона воно ми ви вони мене мені тебе тобі його йому її їй нас нам вас вам їх їм себе собі "
         "це те ж же",
    leading="і й та а але або чи ні проте однак зате ніж є був була було були",
    abbreviations="р рр т.б т.д т.п т.зв ім вул пр стор див грн млн млрд тис ст проф акад ген",
    openers="«„—", closers="»“")

GERMAN = language_words(
    closed="der die das den dem des ein eine einen einem einer eines "
           "in im ins an am ans auf aus bei beim mit nach seit von vom zu zum zur für gegen ohne um durch über "
           "unter vor hinter neben zwischen während wegen trotz statt bis ab "
           "und oder aber denn sondern doch dass ob weil wenn als wie obwohl damit bevor nachdem "
           "ich du er sie es wir ihr mich dich sich uns euch ihn ihm ihnen "
           "mein meine meinen dein deine sein seine seinen seinem seiner ihre ihren ihrem ihrer unser unsere "
           "unseren euer eure "
           "dieser diese dieses diesen diesem jener welche welcher welches was wer wen wem wessen "
           "ist sind war waren gewesen hat haben hatte hatten wird werden wurde wurden kann können konnte "
           "konnten muss müssen soll sollen will wollen darf "
           "nicht auch nur noch schon",
    ends="ich du er sie es wir ihr mich dich sich uns euch ihn ihm ihnen nicht auch "
         "an auf aus bei mit nach vor zu ab um durch "
         "ist sind war waren gewesen hat haben hatte hatten wird werden wurde wurden kann können konnte "
         "konnten muss müssen soll sollen will wollen darf",
    leading="und oder aber denn sondern doch als ist sind war waren",
    abbreviations="z.b bzw usw ca nr dr prof st vgl evtl ggf inkl u.a d.h s.o",
    openers="„«»‚", closers="“«»‘")

FRENCH = language_words(
    closed="le la les l un une des du de d "
           "à au aux en dans par pour sur sous avec sans chez entre contre vers selon depuis pendant avant "
           "après malgré parmi "
           "et ou mais donc or ni car que qu si quand lorsque comme puisque parce "
           "je tu il elle on nous vous ils elles me te se lui leur y moi toi soi eux "
           "mon ma mes ton ta tes son sa ses notre nos votre vos leurs "
           "ce cet cette ces qui quoi dont où lequel laquelle "
           "est sont était étaient être été a ont avait avaient avoir sera seront fut "
           "ne pas",
    ends="je tu il elle on nous vous ils elles me te lui leur moi toi soi eux pas",
    leading="et ou mais donc or ni car que qu comme est sont était étaient",
    abbreviations="m mm mme mmes mlle dr pr etc cf av apr env p.ex",
    openers="«", closers="»")

SPANISH = language_words(
    closed="el la los las lo un una unos unas "
           "a al de del en con por para sin sobre entre hacia hasta desde contra según tras durante mediante "
           "ante bajo "
           "y e o u pero sino ni que si porque aunque cuando como pues mientras "
           "yo tú él ella ello nosotros nosotras vosotros ellos ellas usted ustedes me te se nos os le les "
           "mi mis tu tus su sus nuestro nuestra nuestros nuestras vuestro vuestra "
           "este esta estos estas ese esa esos esas aquel aquella quien quienes cual cuales cuyo donde "
           "es son era eran fue fueron ser sido está están estaba ha han había habían haber será serán "
           "no",
    ends="yo tú él ella ello nosotros nosotras vosotros ellos ellas usted ustedes me te nos os le les lo",
    leading="y e o u ni pero sino pues de como es son era eran fue fueron",
    abbreviations="sr sra srta dr dra ud uds etc pág núm ee.uu",
    openers="«¡¿", closers="»")

ITALIAN = language_words(
    closed="il lo la i gli le l un uno una "
           "di a da in con su per tra fra del dello della dei degli delle al allo alla ai agli alle dal "
           "dallo dalla dai dagli dalle nel nello nella nei negli nelle sul sullo sulla sui sugli sulle "
           "verso contro senza durante dopo prima sopra sotto "
           "e ed o od ma però né che se perché quando come mentre oppure quindi dunque benché sebbene "
           "io tu lui lei noi voi loro mi ti si ci vi li ne sé esso essa "
           "mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro vostra "
           "questo questa questi queste quello quella quelli quelle chi cui quale quali "
           "è sono era erano essere stato stata ha hanno aveva avevano avere sarà saranno fu "
           "non",
    ends="io tu lui lei noi voi loro mi ti ci vi lo li ne sé",
    leading="e ed o od ma né oppure di come è sono era erano",
    abbreviations="sig sigg dott prof ecc pag on avv ing",
    openers="«", closers="»")

POLISH = language_words(
    closed="w we na z ze do od o po przy za przed pod nad dla bez przez między u ku obok według wśród "
           "podczas oprócz wobec około zamiast "
           "i a ale lub albo czy oraz że żeby aby jeśli jeżeli gdy kiedy bo ponieważ choć chociaż więc "
           "jednak ani niż jak "
           "nie się by już tylko nawet też także "
           "ja ty on ona ono my wy oni one mnie mi cię ciebie tobie go jego jemu mu ją jej nas nam was wam "
           "ich im nich nim niej siebie sobie "
           "mój moja moje twój swój swoja swoje swoich nasz nasza nasze naszych wasz wasza "
           "ten ta to te tamten który która które którzy których co kto czyj "
           "jest są był była było byli były być będzie będą został została zostało zostali",
    ends="ja ty on ona ono my wy oni one mnie mi cię ciebie tobie go jego jemu mu ją jej nas nam was wam "
         "ich im nich nim niej siebie sobie się nie też także to",
    leading="i a ale lub albo oraz ani niż jest są był była było byli były",
    abbreviations="np tzw itd itp tj m.in ul dr prof mln mld tys zł godz r",
    openers="„«»—", closers="”«»")

BY_LANGUAGE = {"ru": RUSSIAN, "uk": UKRAINIAN, "de": GERMAN, "fr": FRENCH, "es": SPANISH, "it": ITALIAN,
               "pl": POLISH}
"""The word lists of every supported language but English (``shape.ENGLISH``)."""

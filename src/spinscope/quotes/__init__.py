"""Whose voice a stretch of an article is in: the outlet's own, a quoted speaker's, or reported speech.

A loaded phrase means one thing when the outlet writes it and another when it quotes a politician, so
the analysis asks of every span whose words these are. ``find_quotes`` implements the definition in
``benchmarks/data/quotes/GUIDELINES.md`` with rules (standard library only, about 3 ms for 5,000 characters):

* **Marks** (``"…"`` ``“…”`` ``‘…’`` ``'…'`` ``«…»`` ``„…“`` ``‚…‘``): whether a mark opens or closes is read
  from its neighbours, so straight marks pair and apostrophes (don't, Russia’s, the '90s, rock 'n' roll) do
  not; a plural possessive (students’ union) closes a single quote only when no later mark could. Single
  quotes pair within a line; double quotes and guillemets line by line with a stack. A quote open at a
  line's end goes on if the next line opens with the same mark (one range over several paragraphs) or is
  in the same paragraph (PTC puts each sentence on its own line); otherwise it ends with the line, and is
  dropped if that swallows over 200 characters after a straight mark or 600 after a curly one (a stray
  mark). Only the outermost quote of a nest is returned.
* **Attribution**: just after the closing mark (``…,” Putin said``, ``said Putin``, ``'…': WHO``), else just
  before the opening one (``Putin said: “…”``, ``told reporters that “…”``), else the reported speech
  around the quote, else for a quote filling its line a ``…said:`` line before or a short ``— Name`` line
  after it, else the previous speaker in the paragraph. A headline in quotes keeps no speaker.
* **Speakers**: the capitalised name nearest the speech verb, titles and roles cut off (``Russian President
  Vladimir Putin`` → ``Vladimir Putin``, ``… of the KPRF Renat Suleymanov`` → ``Renat Suleymanov``, ``… (KPRF)
  wrote`` → ``KPRF``, ``National Rifle Association (NRA)`` → the full name); a lone surname widened to its
  fullest mention; ``he``/``she`` the first person of that gender named in the nearest sentence naming one;
  ``the minister`` the last speaker with that title; ``None`` for ``a source``, ``officials``.
* **Reported speech**: ``X said (that) …``, ``X told Y (that) …``, ``X claimed/stated/added/noted/warned/
  stressed/argued/insisted/tweeted/contends/… that …`` (or a clause without "that": ``insists he doesn't``)
  up to the sentence's end, ``X asked Y if …``, ``According to X, …``, ``While …, according to X, …`` and
  ``As X noted, …`` (what follows the source), ``…, according to X.`` and ``…, X (has) said.`` (what comes
  before, unless a verb inside frames its own content), minus anything inside quotes, which is quoted. Not
  after a negation (``did not say``) or a bare infinitive (``to say something``).
  Also (third pass, half D): base forms after "to" or an auxiliary (``went on to note that``), ``informed/notified Y
  that``, a pronoun's clause after claim-like verbs (``by claiming they found``), not after ``said something``, no
  frame whose subject is I, we, you, "no one", or evidence (``the information suggests``); "believe" is no speech
  verb; a verb's content stops at a semicolon and before a trailing ``, according to X``; ``according to X, who
  …,`` starts after the relative clause; headlines in Title Case or capitals (``Chief Says She Can’t Fire …``); one
  word of reported content before a quote is kept (``saying he “never …”``).
* **Quoted words as an object**: ``He called them “heroes”``, ``thanked … for their “honesty”``, ``condemned as
  “obstruction” by X``: the subject's (or the agent's) words, quoted even when short.
* **Scare quotes**: 1–3 quoted words (or a Title Cased name, or words after "so-called", "dubbed",
  "titled" …) that nobody is said to speak are kind ``scare`` and count as the **outlet's voice**: the
  outlet chose to put those words there, to sneer, to name a thing or to keep its distance, so loaded
  language inside them is the outlet's own and must not be excused as somebody else's speech.

* **Russian** (``dialogue``): a line of Cyrillic text opening with a dash is direct speech up to the spaced
  dash that introduces the author's words (``— Мы не отступим, — заявил министр. — Это наша земля.``: two
  pieces, speaker ``министр``); ``«…», — сказал Путин``; reported ``заявил, что …``, ``по словам X, …``,
  ``как сообщил X, …``. German and Polish marks pair like the others; a few of their speech verbs
  (``sagte``, ``powiedział``) name the speaker before a colon.
* **Speakers from the sentence's shape**: a participle (``…, claiming that``) takes the first clause naming someone,
  a passive verb its agent (``was informed by X that``) or nobody, ``X’s office/spokesman said`` is X, a quote
  after a named person's speech noun is theirs (``Trump's vow to “get involved”``), after a colon in a sentence
  with no speech verb its subject's, a title's byline (``“…,” by Peter Hasson``) and a signature line under a
  quote (``Dave Weigel.``) name their authors; subject pronouns weigh twice in a person's gender.
* **Speakers named by a word** (``speakers``): ``the bureau`` is the body named last with that word, or its
  acronym where the text used that since; ``he said`` keeps the last speaker (600 characters back at most,
  gender permitting) when that person is the last one named since.
* **Mention tracker** (``entities``, fourth pass): every name outside quotes with the titles and describing nouns
  written with it, read once and only when needed. ``the attorney general`` / ``the Kentucky lawmaker`` is the
  last holder of that title named before (``Attorney General William Barr``); a title the text never gives a
  named holder binds to the first person named where it is first used (``Donald Trump was flying …, but the
  president …``); ``the group`` / ``the news publication`` is the body introduced with that noun, else the
  last body that spoke nearby, else the last one named in the sentence or the one before; ``the statement
  read`` is whoever issued it just before; a one-word name with a person's title somewhere (``President
  Trump``) is a person for ``he``; ``they``, ``the couple`` and ``the Democratic leaders`` take the first of
  two people named together nearby (``Tanya and Jason Badger`` -> Tanya Badger), as does a quote line after
  ``X and Y issued a statement.``; ``the Badgers`` is the family named before. Also: a name signed after a
  quote (``” – Einstein.``), a long quote opening a relative clause (``X, which “is designed to …”``), a
  named outlet's report (``a Washington Post report on …``), a role apposition (``Nancy Pelosi (CA),
  Minority Leader of …``).
* **Reported speech, fourth pass**: ``reminds us that``, ``made clear``, ``cautioned``, ``clarified``; a clause
  without "that" whose verb ends in -ed/-s (``She added the boy suffers …``); ``told reporters he had …``;
  ``As X reported early last year,``; ``He said:`` ending a line reports the next line; an aside attribution
  (``The president, these sources said, speculated …``); wire lines (``Reports: …``, ``AP Source: …``, ``…:
  SOURCE``); content ends before a later frame's main clause (``who has claimed that …, made clear that``)
  and before a quote with its own attribution; not after ``It should be stated``, ``cannot just say``.
* **Fifth pass** (half F released): a role apposition after a name is no speaker (``Sen. Mark Warner (D-VA), the top
  Democrat on …,``, ``X, Abrams’ campaign chair,``), nor is ``… including Nancy Pelosi, who warned`` the group before
  her; ``Sanders and Shine wrote`` takes the first surname; a pronoun that stands before a name in its sentence is
  someone else (``But she laced her speech with criticism of Kemp``); a full name written out counts for its own
  gender, not the last speaker sharing its surname; ``they said`` keeps the pair that last spoke; ``the Democrat``
  is a person named before; ``the suit said`` is whoever filed, sued or spoke in it, ``the court ruled`` its judge,
  ``an attorney for CNN`` CNN, ``according to their website`` whoever spoke just before, ``A Washington Post report
  … noted`` the Post. Reported speech: ``ruled/charged that``, ``states``, ``is reporting that`` and ``…, outlets
  are reporting.``; a clause before a relative "that" (``said Kemp had relied on “…” that was``); ``saying no
  decision has been made``; a plural subject's base verb with a clause (``observers note Abrams would``); a
  clause-final attribution with a time of day; none with an object of its own (``…, Abrams acknowledged the
  law.``), after ``should/must`` (``should be telling``), or from a long new sentence after a quote.
* **Seventh pass** (half G released, H held out): sentence adverbs (``Furthermore,``) are no names, plural bodies
  (``Judiciary Committees``) no people; a title resolved to its holder (``the attorney general`` -> William Barr) is
  whom the next ``he said`` means; ``…, which he said was …`` where the main clause names nobody; a quote right after
  ``According to X,`` is X's.
* **Speakers a reader can read** (``names.presentable``, ``_Speakers.common_word``): a headline in Title Case taken
  for a name is cut to its subject before a verb (``Keith Ellison Defends Louis Farrakhan: “…”`` -> Keith Ellison), a
  description before a name is cut off (``Foolish Religion Author Gary Wills`` -> Gary Wills), and a run holding a
  capitalised preposition or article (``New Audio From The Night Of …``) or over six words (a list of names) names
  nobody; nor does a one-word "name" that is a common word capitalised only at a sentence's start (``Take``,
  ``Perhaps``: the text writes it in lower case too, and nowhere in capitals inside a sentence, as it does ``the
  Navy``).

The package: ``quote`` (the value), ``words`` and ``patterns`` (what the rules read), ``layout``
(paragraphs, lines, sentences), ``marks`` (pairing), ``names``, ``entities`` and ``speakers`` (who), ``attribution``
(a quotation's speaker), ``reported`` (reported speech), ``dialogue`` (Russian speech without marks) and
``finder`` (``find_quotes``, ``voice_of``).

Not handled: attribution without a comma (``“…” he said``), ``told Y`` without ``that`` unless Y is a name or
"reporters", gender (``she`` may resolve to a man), speakers of nested quotes, Danish ``»…«``,
reported speech in German or Polish, Russian names in other cases than the nominative.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spinscope.quotes.quote import KINDS, VOICES, Quote

if TYPE_CHECKING:
    from spinscope.quotes.finder import find_quotes, voice_of

__all__ = ["KINDS", "VOICES", "Quote", "find_quotes", "voice_of"]


def __getattr__(name: str) -> Any:
    """``find_quotes`` and ``voice_of`` are imported when first asked for: the finder compiles
    some seventy patterns, and the ``Quote`` values alone (what documents, the store and the
    report need) should not pay for that. The pipeline imports the finder while the ONNX
    session is being built (``pipeline.load``)."""
    if name in ("find_quotes", "voice_of"):
        from spinscope.quotes import finder

        return getattr(finder, name)
    raise AttributeError(f"module 'spinscope.quotes' has no attribute {name!r}")

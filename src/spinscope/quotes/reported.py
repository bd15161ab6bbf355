"""Reported speech: "X said (that) …", "according to X, …", "as X noted, …" and their ranges."""

from __future__ import annotations

import re

from spinscope.quotes.attribution import _Speech
from spinscope.quotes.layout import _Layout
from spinscope.quotes.names import _speaker_of, _who
from spinscope.quotes.patterns import (
    _ACCORDING_RE,
    _ADDRESSEE_RE,
    _AFTER_QUOTE_RE,
    _AS_RE,
    _ATTR_RE,
    _AUX_RE,
    _CLAUSE_RE,
    _CLAUSE_AHEAD_RE,
    _HEAD_END_RE,
    _HEAD_NOT_CLAUSE,
    _HEAD_VERB_RE,
    _MARK_RE,
    _NOT_A_SOURCE,
    _POSSESSIVE,
    _REPORT_RE,
    _SOURCE_END_RE,
    _TAIL_BOUNDARY_RE,
    _THAT_NEXT_RE,
    _THAT_RE,
    _TIME_RE,
    _TOKEN_RE,
    word_starts,
)
from spinscope.quotes.words import ASK as _ASK
from spinscope.quotes.words import CONJ as _CONJ
from spinscope.quotes.words import GAP_START as _GAP_START
from spinscope.quotes.words import NO_CONTENT as _NO_CONTENT
from spinscope.quotes.words import NO_THAT as _NO_THAT
from spinscope.quotes.words import SKIP as _SKIP
from spinscope.quotes.words import TELL as _TELL
from spinscope.quotes.words import THAT_ONLY as _THAT_ONLY
from spinscope.quotes.words import TITLES as _TITLES


_APPOSITION = {"a", "an", "who", "which", "whose", "one"}
_THAT_END_RE = re.compile(r"\b(?:that|if|whether)\s*$")
_RELATIVE = {"who", "which", "whom", "whose"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "these", "those", "such"}
_EVIDENCE = {"information", "evidence", "data", "research", "study", "studies", "findings", "footage", "video",
             "records", "analysis", "results", "figures", "numbers", "polls", "poll"}     # they show, nobody speaks
_RELATIVE_ALL = {"who", "which", "whom", "whose", "that", "where", "when"}
_CONJ_BEFORE_RE = re.compile(r",?\s+but(?:\s+(?:also|later|then|again|further))?\s+$")   # "… but clarified"
_LINE_COLON_RE = re.compile(r":[ \t]*\n")
_SAID_COLON_RE = re.compile(r"\b(said|says|wrote|writes|added|explained|stated|told|read|reads)(?:\s+[A-Z][\w.-]*|"
                            r"\s+as\s+follows)?[ \t]*$")       # "A Statement from the White House read as follows:"
_SPEECH_AHEAD_RE = re.compile(r"[^\s“\"‘'«„]")     # "He told Sputnik:\nOur approach …", not a quote
_FINITE_AHEAD_RE = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its|our|this|these|those)\s+[\w’'-]+(?:\s+[\w’'-]+)?|"
                              r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}(?:\s+and\s+(?:his|her|their)\s+[\w-]+)?)"
                              r"\s+[a-z]{3,}(?:ed|[^s’'\W]s)\b")   # "added the boy suffers", "claim Siraj Wahhaj conducted"
_ASIDE_AFTER_RE = re.compile(r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?,\s+(?=[a-z])")
_ASIDE_SUBJECT_RE = re.compile(r"(?:these|those|the|some|two|three|several|many|[A-Z][\w’'.-]*|he|she|they|officials|police|"
                               r"sources)$")
_COLON_RE = re.compile(r":[ \t]*")
_WIRE_END_RE = re.compile(r"(?:SOURCES?|Sources?|REPORTS?|Reports?)[ \t]*")
_WIRE_START_RE = re.compile(r"(?:^|[—–][ \t]+)(?:(?:AP|Reuters)[ \t]+(?:Sources?|SOURCES?)|Reports?|REPORTS?)[ \t]*$",
                            re.MULTILINE)
_DOUBLE_MARK_RE = re.compile("[“”\"«»„]")
_OWN_PASSIVE_RE = re.compile(r"\b[Ii]t\s+(?:should|must|can|may|might|could|would|will)\s+(?:also\s+)?be\s+$")
_OUGHT_RE = re.compile(r"\b(?:should|ought\s+to|must)\s+(?:(?:also|really|now)\s+)?(?:be\s+)?$")   # advice, no speech
_NEGATED_RE = re.compile(r"\b(?:not|never|cannot|\w+n[’']t)\s+(?:just|even|really|simply|ever|always|actually)\s+$")
_NOT_CONTENT_START = {"about", "in", "at", "on", "to", "of", "for", "with", "during", "after", "before", "from", "by", "as",
                      "when", "while"}     # "said in a statement", "said when Jones was purged:"
_CLOSE_SAID_RE = re.compile(r"[”\"»],?[ \t]+(?:[A-Z][\w’'.-]*[ \t]+){1,5}(?:said|says|told|added|wrote)\b")
_SUBJECTS = {"he", "she", "they", "we", "i", "it"}
_OBJECT_START = {"the", "a", "an", "his", "her", "their", "its", "our", "my"}     # not "this": "said this weekend"
_NOT_PLURAL = {"this", "thus", "always", "perhaps", "was", "has", "does", "is", "its", "his", "hers", "yours", "ours",
               "theirs", "whereas", "unless", "besides", "news"}
_NEGATED_OPENERS = {"at no time", "in no way", "under no circumstances", "at no point"}   # an inverted clause follows
_SUBJUNCTIVE_RE = re.compile(r"(?:(?!would|could|should|will|might|may|must|can)[\w’'-]+\s+){1,12}?(?:be|not)\b")
_DEMAND_RE = re.compile(r"(?:demand(?:ed|ing)|ordered)[ \t]+(that[ \t]+)?")
# not "Will Kelly demand …?", nor "demands", mostly said of things ("Christian charity itself demands that …")
_FRONTED_RE = re.compile(r"[ \t]*(?:After|When|Once|Since|Before|While|Whilst|Although|Though|Even though|Despite|"
                         r"Because|Until|Whereas)\b")     # not "As" ("As X noted, …") nor "If"
_CLOSE_ATTR_RE = re.compile(r"[”\"’»][ \t]+(?:according to|read|reads|said|says|added|wrote)\b")   # quotes masked
_BASE_CLAUSE_RE = re.compile(r"(?:he|she|they|it|we|the[ \t]+(?:[A-Z][\w’'.-]*[ \t]+){1,4}|(?:[A-Z][\w’'.-]*[ \t]+){1,3})"
                             r"(?:be|(?!(?:to|of|for|from|in|on|at|by|with|and|or|as|that)\b)[a-z]+(?<![sd])(?<!ing)(?<!ly))"
                             r"\b")   # "demanded the White House reinstate", "demanding they be restored"
_TIME_NOUNS = {"morning", "evening"}     # "…, the department announced Friday evening.": no participle
_HAS = {"he's", "she's", "it's", "who's", "that's", "there's"}     # "he's said …": 'has', no possessive
_PREPOSITIONS = {"in", "on", "at", "for", "with", "from", "by", "during", "after", "before", "amid", "despite"}
_GOES_ON_RE = re.compile(r",\s+(because|since|although|though)\b(?![^.!?\n]*[“\"«„])")   # "…, X said, because …"
_PRONOUN_CLAUSE_RE = re.compile(r"\s+(?:he|she|they|we|I)\s+[“\"]?[a-z]")     # "claiming they found", "to say he will"


def _content_start(text: str, verb: str, verb_end: int, sent_end: int, finite: bool = False) -> int | None:
    """Where the reported content after a speech verb begins: after 'that' (after at most an addressee or a
    time: 'told reporters that', 'said on Monday that'), after 'if'/'whether' for ask; for say and tell after
    the verb, time words ('said Wednesday') and addressee ('told reporters'); for other verbs when a clause
    follows ('insists he doesn't owe'); None when no clause follows."""
    rest = text[verb_end:min(sent_end, verb_end + 300)]
    that = _THAT_RE.match(rest)
    tell = verb.startswith(_TELL)
    gap = that.group(1).split() if that else []
    if that and gap and _AUX_RE.match(rest, that.end()):
        if not (_CLAUSE_AHEAD_RE.match(rest) or _PRONOUN_CLAUSE_RE.match(rest) or _FINITE_AHEAD_RE.match(rest)):
            return None                               # "telling jokes that were criticized": a relative clause
        that = None                                   # "said Kemp had relied on “…” that was “…”": the clause is first
    if that and (that.group(2) != "that") == (verb in _ASK) and not _REPORT_RE.search(that.group(1)) and (
            not gap or tell and len(gap) <= 12 or gap[0].lower() in _GAP_START and len(gap) <= 12) and not (
            tell and len(gap) >= 2 and gap[1].lower() in _SUBJECTS):   # "told reporters he had learned … that"
        return verb_end + that.end()
    if that and verb in _ASK and that.group(2) == "that" and not gap and _SUBJUNCTIVE_RE.match(rest, that.end()):
        return verb_end + that.end()                  # "asked that provisional ballots … be counted"
    if verb in _ASK or verb in _THAT_ONLY and not (finite and " " not in verb and _CLAUSE_AHEAD_RE.match(rest)):
        return None                                   # but "Some observers note Abrams would be …": a clause
    if verb not in _NO_THAT:
        ahead = _CLAUSE_AHEAD_RE.match(rest) or _PRONOUN_CLAUSE_RE.match(rest) or _FINITE_AHEAD_RE.match(rest)
        return verb_end + len(rest) - len(rest.lstrip()) if ahead else None
    lead = (_ADDRESSEE_RE if tell else _TIME_RE).match(rest)
    if tell and lead:                                 # "told authorities months ago they thought …"
        timed = _TIME_RE.match(rest, lead.end() - 1)
        lead = timed if timed and "," not in timed.group() else lead    # not "told X on Friday, adding that"
    words = rest[lead.end():].split() if lead else []
    if lead is None or len(words) < (2 if words[1:2] and _MARK_RE.match(words[1]) else 3) or not words[0][0].isalpha() or words[
            0].lower() in _NO_CONTENT and not _no_subject(words) or words[0].lower() in _NOT_CONTENT_START and not (
            " ".join(words[:3]).lower() in _NEGATED_OPENERS):
        return None                                   # but "said at no time did the department prevent …"
    return verb_end + lead.end()


def _hearer(gap: str) -> str | None:
    """The person a question is put to, from the words between 'asked' and 'if' ('Clinton', 'Bill Clinton'), or None."""
    words = gap.split()[:-1]
    return " ".join(words) if 1 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) else None


def _plural_subject(before: list[str]) -> bool:
    """Is a base-form verb after ``before`` finite, after a plural noun ('Some legal observers note'), rather than
    after 'to', a modal or an auxiliary ('might reveal', 'to note')?"""
    last = before[-1].lower() if before else ""
    return len(last) > 3 and last.endswith("s") and last.isalpha() and not last.endswith("ss") and \
        last not in _SKIP and last not in _NOT_PLURAL


def _no_subject(words: list[str]) -> bool:
    """Do ``words`` open with a negated subject and its verb ('no decision has been made', 'no one was hurt'), a
    clause, rather than an answer ('said no.', 'said no to the plan')?"""
    return words[0].lower() == "no" and _AUX_RE.match(" ".join(words[2:3]) or "-") is not None


def _tail(text: str, verb: tuple[int, int], sent_start: int, sent_end: int) -> int | None:
    """'…, the Justice Department said.', '…” for his firing, the spokesman added.', '…, said Sanders, a
    spokeswoman.', '…, prosecutors have said.': where the reported content before a clause-final attribution ends
    (None if there is none)."""
    after, head = text[verb[1]:sent_end].split(), text[max(sent_start, verb[0] - 90):verb[0]]
    if _GOES_ON_RE.match(text, verb[1]):
        after = []                                    # "…, the sheriff said, because …": a clause of its own
    elif text[verb[1]:verb[1] + 2].lstrip()[:1] in (",", ":") or _MARK_RE.search(text, verb[1], sent_end):
        return None                                   # '… wrote, “…”': the quote is what was said
    cut = max(head.rfind(","), max((head.rfind(c) for c in "”\"’'»"), default=-1))
    if cut < 0 or not _TAIL_BOUNDARY_RE.search(head, 0, cut + 2 if head[cut:cut + 2] != "”," else cut + 3):
        return None
    subject, word = head[cut + 1:].split(), text[verb[0]:verb[1]]
    while subject and subject[-1].lower() in ("has", "have", "had"):
        subject.pop()                                 # "…, state prosecutors have said."
    if word == "reporting" and subject[-1:] in (["are"], ["is"]) and not after:
        subject, word = subject[:-1], "report"        # "…, multiple outlets are reporting."
    if not _tail_attribution(subject, after, word) or _ATTR_RE.search(head, cut + 1):
        return None
    end = max(sent_start, verb[0] - 90) + cut
    while end > sent_start and text[end - 1] in "”\"’'», \t":
        end -= 1
    if not subject and (_apposition_after_quote(text, sent_start, end) or _named_subject(text, sent_start, end)) or \
            _introduced(text, sent_start, end):
        return None                                   # "“…,” Lee Merritt, one of the attorneys, told ABC News."
    return end if len(text[sent_start:end].split()) >= 2 else None


def _aside(text: str, verb: tuple[int, int], sent_start: int, sent_end: int) -> list[tuple[int, int]] | None:
    """An attribution set off by commas inside the sentence it reports ('The president, these sources said,
    speculated on …'): the sentence before its first comma and after its second, or None."""
    after = _ASIDE_AFTER_RE.match(text, verb[1], sent_end)
    comma = text.rfind(",", sent_start, verb[0])
    if after is None or comma < 0:
        return None
    subject = text[comma + 1:verb[0]].split()
    if not after or comma < 0 or not 1 <= len(subject) <= 4 or not _ASIDE_SUBJECT_RE.match(subject[0]) or len(
            text[after.end():sent_end].split()) < 3 or not text[sent_start:comma].split() or _MARK_RE.search(
            text, sent_start, comma):
        return None
    return [(sent_start, comma), (after.end(), sent_end)]


def _named_subject(text: str, sent_start: int, end: int) -> bool:
    """Is what stands before an attribution's comma only a name and its apposition ('Ron Paul, former senator and
    the voice of reason, said when …')? Then it is the speaker, not what was said."""
    clauses = [c.split() for c in _CLAUSE_RE.split(text[sent_start:end]) if c.strip()]
    return len(clauses) >= 2 and 1 <= len(clauses[0]) <= 4 and all(w[:1].isupper() for w in clauses[0]) and (
        clauses[1][0].lower() in _APPOSITION | {"the", "former"} or not (_AUX_RE.search(" ".join(clauses[1])) or _REPORT_RE.search(
            " ".join(clauses[1]))))                   # "The Badgers, whose land the compound was on, said …"


def _introduced(text: str, sent_start: int, end: int) -> bool:
    """Does the (masked) quote that ends at ``end`` follow a colon ('He prayed in his speech: “…,” he told the
    crowd.')? Then the words before the colon introduce the quote and are not what was said."""
    mark = end
    while mark > sent_start and text[mark - 1] == "x":
        mark -= 1
    return mark < end and mark > sent_start and text[mark - 1] in "“\"‘'«„" and text[
        sent_start:mark - 1].rstrip().endswith(":")


def _tail_attribution(subject: list[str], after: list[str], verb: str) -> bool:
    """Can '<subject> <verb> <after>' close a sentence as its attribution? A short subject that is no clause of
    its own, a finite verb, and little after it: no object of its own ('admitted to killing him')."""
    if len(subject) > 10 or "that" in subject or subject and (
            subject[0].lower() in _CONJ | _RELATIVE | {"what"} or _AUX_RE.search(" ".join(subject))):
        return False
    if verb.endswith("ing") or len(after) > (10 if not subject else 6) or not subject and not after or verb in (
            "ruled", "charged"):
        return False                                  # "…, after a court ruled against him.": no attribution
    if after and after[0].lower() in _OBJECT_START and not verb.startswith(_TELL):
        return False                                  # "…, Abrams acknowledged the law.": an object of its own
    words = [w.rstrip(".,") for w in subject + after]
    return not any(w.endswith("ing") and w.islower() and w not in _TIME_NOUNS and not (
        k and words[k - 1].lower() in _DETERMINERS | _PREPOSITIONS) or w.lower() in ("nobody", "none")
        for k, w in enumerate(words))   # "…, said nobody." (but "…, the Dallas Morning News reports.", "… evening.")


def _apposition_after_quote(text: str, sent_start: int, end: int) -> bool:
    """Is what stands before an inverted attribution a name and its apposition just after a quotation
    ('“…,” Richard Nelson, who lives in the complex, said'), that is the speaker, not reported content?"""
    close = max(text.rfind(c, sent_start, end) for c in "”\"’»")
    if close < 0:
        return False
    clauses = [c.split() for c in _CLAUSE_RE.split(text[close + 1:end]) if c.strip()]
    return len(clauses) >= 2 and all(w[:1].isupper() for w in clauses[0]) and (
        _apposition(clauses[1]) if len(clauses) == 2 else all(c[0][:1].islower() for c in clauses[1:]))
    # "“…,” Sara Henderson, executive director for X, which filed the lawsuit, told AJC.com"


def _apposition(clause: list[str]) -> bool:
    """Does ``clause`` describe the name before it ('a spokesman', 'the wife and mother of the ranchers', 'U.S.
    Embassy spokesperson in Beijing': a role written in lower case), rather than name a second source ('“…,”
    Trump, CNN reported')?"""
    return clause[0].lower() in _APPOSITION | {"the"} or any(w in _TITLES for w in clause[1:])


def _not_a_frame(text: str, verb: tuple[int, int], before: list[str]) -> bool:
    """A speech verb that frames no reported speech: a noun ('the claims that', "Trump's claims"), an infinitive
    not followed by 'that' ('hard to say the vote …', 'coerced to say something that …'), a negation ('did
    not say anything about …', "didn't say", 'no one can say'), or evidence that only shows ('the
    information suggests that')."""
    if not before:
        return False
    if _OWN_PASSIVE_RE.search(text, max(0, verb[0] - 40), verb[0]) or _NEGATED_RE.search(
            text, max(0, verb[0] - 40), verb[0]) or _OUGHT_RE.search(text, max(0, verb[0] - 40), verb[0]):
        return True                                   # "It should be stated that", "cannot just say", "should tell"
    words = [w.lower() for w in before]
    subject = [w for w in words if w not in _SKIP]
    if "nobody" in words or " ".join(words[-3:]).startswith("no one") or subject[-1:] and subject[-1] in _EVIDENCE:
        return True                                   # "No one can say …", "The information suggests that …"
    last = before[-1].lower().replace("’", "'")
    if last in ("be", "been", "being", "is", "are", "was", "were") and text[verb[0]:verb[1]].startswith("remind"):
        return True                                   # "you should be reminded that": the reader is told
    return last in _DETERMINERS or last.endswith(_POSSESSIVE) and last not in _HAS or last in ("not", "never") or last.endswith(
        "n't") or last == "to" and not (_THAT_NEXT_RE.match(text, verb[1]) or _PRONOUN_CLAUSE_RE.match(text, verb[1]))


def _reported(text: str, lay: _Layout) -> list[_Speech]:
    """'X said (that) …', 'X told Y that …', '…, adding that …', '…, X said.', 'According to X, …', '…,
    according to X.', 'As X noted, …': the reported content. ``text`` has its quotes masked, so verbs and names inside them
    are not seen."""
    frames, tails = [], {}
    for m in _REPORT_RE.finditer(text):
        vs, before = m.start(), text[max(0, m.start() - 12):m.start()].split()
        sent_start, sent_end = lay.sentence(vs)
        inverted = text[max(sent_start, vs - 3):vs].rstrip().endswith((",", "”", '"', "’", "»")) \
            and not _THAT_NEXT_RE.match(text, m.end())    # "John Smith, a spokesman, said that …"
        start = _content_start(text, m.group(), m.end(), sent_end, _plural_subject(before))
        if start is not None and _THAT_END_RE.search(text, m.end(), start):
            inverted = False                          # "…, who is now dead, told the world that …"
        tail = None if m.group() in _ASK or not inverted and start is not None else _tail(
            text, m.span(), sent_start, sent_end)
        aside = _aside(text, m.span(), sent_start, sent_end) if tail is None else None
        if aside:                                     # "The president, these sources said, speculated …"
            attr = _speaker_of(text, aside[0][1] + 1, m.span(), sent_start)
            frames += [_Speech(s, e, vs, attr, "reported") for s, e in aside]
            continue
        if tail is not None:
            tails[sent_start] = _Speech(sent_start, tail, vs, _speaker_of(text, tail + 1, m.span(), sent_start),
                                        "reported")
            goes_on = _GOES_ON_RE.match(text, m.end())
            if goes_on and goes_on.start(1) < sent_end:
                frames.append(_Speech(goes_on.start(1), sent_end, vs, tails[sent_start].attr, "reported"))
            continue
        if _not_a_frame(text, m.span(), before) or _AFTER_QUOTE_RE.search(text, max(sent_start, vs - 4), vs):
            continue                                  # "the claims that", "to say", "…,” said Putin"
        if start is not None and start < sent_end and not _own_voice(before):
            end = _fronted_cut(text, start, _source_cut(text, start, sent_end), sent_start, vs)
            frames.append(_Speech(start, end, vs, _speaker_of(text, sent_start, m.span(), sent_start), "reported",
                                  hearer=_hearer(text[m.end():start]) if m.group() in _ASK else None))
    frames += _demands(text, lay)
    _cut_before_main_verbs(text, frames)
    according = _according(text, lay)
    return _with_tails(frames + according, tails, lay) + _as_noted(text, lay) + _headlines(text, lay) + \
        _said_colon(text, lay) + _wire_lines(text)


def _demands(text: str, lay: _Layout) -> list[_Speech]:
    """'X demanded (that) the White House reinstate …', 'demanding they be restored', 'ordered that Acosta be
    reinstated': a demand or an order with a clause of its own is reported (labels README, halves F and G). Without
    'that' the clause needs a subject and a base-form verb ('demanded the release of …' and 'ordered Georgia to take
    steps' are none); 'the demand that', 'his demands that' are nouns (decision 4), and a demand in a relative clause
    ('Those who have demanded that …') is left out: its content would run into the main clause."""
    frames = []
    for m in word_starts(_DEMAND_RE, text):
        sent_start, sent_end = lay.sentence(m.start())
        before = text[max(0, m.start() - 12):m.start()].split()
        if not m.group(1) and (m.group().startswith("ordered") or not _BASE_CLAUSE_RE.match(text, m.end())):
            continue
        verb = (m.start(), m.start() + len(m.group().split()[0]))
        if _not_a_frame(text, verb, before) or _own_voice(before) or \
                _RELATIVE & {w.lower() for w in text[max(sent_start, m.start() - 40):m.start()].split()[-4:]}:
            continue                                  # "Those who have constantly demanded that …": the subject's clause
        if m.group(1) and _AUX_RE.match(text, m.end()):
            continue                                  # "escalating demands that cannot be satisfied": a noun's clause
        attr = _speaker_of(text, sent_start, verb, sent_start)
        frames.append(_Speech(m.end(), _demand_end(text, m.end(), sent_start, sent_end), m.start(), attr, "reported"))
    return frames


def _demand_end(text: str, start: int, sent_start: int, sent_end: int) -> int:
    """Where a demand's content ends: before an attribution after a quotation in it ('… “…,” according to a
    statement', '… “…,” read a statement'), at the comma that closes a fronted clause ('After Grassley demanded
    Campbell be allowed to testify, the gag order was lifted'), else where reported content ends."""
    end = _source_cut(text, start, sent_end)
    attr = _CLOSE_ATTR_RE.search(text, start, end)
    return _fronted_cut(text, start, attr.start() if attr else end, sent_start, start)


def _fronted_cut(text: str, start: int, end: int, sent_start: int, verb: int) -> int:
    """The end of content framed inside a fronted clause ('When asked if he owed Lewinsky an apology, Clinton told
    NBC …', 'Despite police saying that …, Judge Backus released …'): the comma that closes that clause, where the
    sentence opens with a subordinating word and no comma comes before the verb; else ``end``."""
    if not _FRONTED_RE.match(text, sent_start) or "," in text[sent_start:verb]:
        return end
    comma = text.find(",", start, end)
    return comma if comma >= 0 else end


def _wire_lines(text: str) -> list[_Speech]:
    """Wire and link lines that credit unnamed sources: 'Reports: No New Indictments …', 'AP Source: …', 'MUELLER
    NOT RECOMMENDING MORE INDICTMENTS: SOURCE' (reported, nobody named). Read at each colon: a scan of the whole
    text for the words would cost more than the rest of the reported-speech rules."""
    frames = []
    for colon in _COLON_RE.finditer(text):
        line_start = text.rfind("\n", 0, colon.start()) + 1
        line_end = text.find("\n", colon.end())
        line_end = len(text) if line_end < 0 else line_end
        if _WIRE_END_RE.fullmatch(text, colon.end(), line_end):      # "…: SOURCE" ends the line
            start, end = line_start, len(text[:colon.start()].rstrip())
        else:                                         # "Reports: …" opens it, or follows a dateline's dash
            lead = _WIRE_START_RE.search(text, max(line_start, colon.start() - 60), colon.start())
            if lead is None:
                continue
            start, end = colon.end(), len(text[:line_end].rstrip(" \t.!"))
        if len(text[start:end].split()) >= 3 and not _DOUBLE_MARK_RE.search(text, start, end):
            frames.append(_Speech(start, end, colon.start(), ("unnamed",), "reported"))
    return frames


def _said_colon(text: str, lay: _Layout) -> list[_Speech]:
    """'He said:' or 'He told Sputnik:' ending a line, followed by a line without quotation marks: that line is
    the person's words, reported (the words after it are a block quote whose marks were lost, not labelled).
    Another outlet's block ('Fox News reports:') is no one's speech here."""
    frames = []
    for colon in _LINE_COLON_RE.finditer(text):
        line_start = lay.line(colon.start())[0]
        m = _SAID_COLON_RE.search(text, max(line_start, colon.start() - 40), colon.start())
        nxt_end = lay.line(colon.end())[1]
        if m is None or not _SPEECH_AHEAD_RE.match(text, colon.end()) or _MARK_RE.search(
                text, colon.end(), nxt_end) or len(text[line_start:m.start()].split()) > 12:
            continue
        verb = _ATTR_RE.search(text, m.start(1), m.end(1))
        if verb is None:
            continue
        attr = _speaker_of(text, line_start, verb.span(), line_start)
        end = len(text[:nxt_end].rstrip(" \t.!?…"))
        if m.group(1).startswith("read"):             # a statement read out: whose it is, named in its subject
            attr = _who(_TOKEN_RE.findall(text[line_start:m.start()]))
        if attr[0] in ("name", "pronoun", "role") and end > colon.end():
            frames.append(_Speech(colon.end(), end, verb.start(), attr, "reported"))
    return frames


def _cut_before_main_verbs(text: str, frames: list[_Speech]) -> None:
    """A frame whose content holds the speech verb of a later frame ends before that verb's clause: at the
    'but' ('said that … but clarified that …'), or at the first comma after which only the later verb's
    short subject follows ('who has claimed that …, made clear that …'; 'While X said …, Y, a cleric, claims …').
    A verb inside a relative clause of the content ('the suspect, who police say fled') cuts nothing."""
    frames.sort(key=lambda f: f.start)
    for i, f in enumerate(frames):
        verbs = [g.anchor for g in frames[i + 1:i + 4] if f.start < g.anchor < f.end]
        if verbs:
            f.end = _main_clause_cut(text, f.start, verbs[0]) or f.end


def _main_clause_cut(text: str, start: int, verb: int) -> int | None:
    """Where content starting at ``start`` ends before the clause of the speech verb at ``verb``, or None."""
    lead = text[start:verb]
    conj = _CONJ_BEFORE_RE.search(lead)
    if conj:
        return start + conj.start()
    for comma in (m.start() for m in re.finditer(",", lead)):
        rest = lead[comma + 1:].split()
        if len(rest) <= 8 and not {w.lower().strip(",") for w in rest} & _RELATIVE_ALL:
            return start + comma
    return None


MAX_HEADLINE = 600
"""Characters a headline may hold (the longest in PTC train and dev: 330)."""


def _headlines(text: str, lay: _Layout) -> list[_Speech]:
    """'Dallas Chief Says She Can’t Fire Guyger - Rules Imply Otherwise', 'BOY SAYS HE WAS TRAINED: FBI': in a
    headline (a line in Title Case or capitals) a capitalised speech verb frames what follows it, up to a
    dash, bar or colon."""
    frames = []
    for m in word_starts(_HEAD_VERB_RE, text):
        line_start, line_end = lay.line(m.start())
        if line_end - line_start > MAX_HEADLINE:
            continue                                  # a line that long is no headline (and reading it per verb costs)
        start = m.end() + len(text[m.end():line_end]) - len(text[m.end():line_end].lstrip())
        if text[start:start + 5].lower() == "that ":
            start += 5
        stop = _HEAD_END_RE.search(text, start, line_end)
        end = stop.start() if stop else line_end
        content, before = text[start:end].split(), text[line_start:m.start()].split()
        if len(content) < 2 or content[0].lower().endswith("ing") or content[0].lower() in _HEAD_NOT_CLAUSE \
                or not before or before[-1].lower() in _RELATIVE:
            continue                                  # "… Who Admitted Killing Botham Jean", "… Claims About …"
        if _headline(text[line_start:line_end]):
            frames.append(_Speech(start, end, m.start(), _speaker_of(text, line_start, m.span(), line_start), "reported"))
    return frames


def _headline(line: str) -> bool:
    """Is ``line`` a headline: four words or more, its long words capitalised (Title Case or capitals)?"""
    words = [w for w in line.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(line.split()) >= 4 and len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _own_voice(before: list[str]) -> bool:
    """Is the speech verb's subject the author or the reader ('as I can say', 'we told you', 'do you say')?
    Those are the outlet's own words."""
    words = [w.lower().replace("’", "'").split("'")[0] for w in before]
    while words and words[-1] in _SKIP:
        words.pop()
    return bool(words) and words[-1] in ("i", "we", "you")


def _source_cut(text: str, start: int, end: int) -> int:
    """The end of reported content after a verb: at a semicolon, and before the comma of a trailing source ('…
    told her doctor about it, according to a document.'); else ``end``."""
    semicolon = text.find(";", start, end)
    end = end if semicolon < 0 else semicolon         # "… to say he will block them; but he isn’t the first"
    source = _ACCORDING_RE.search(text, start, end)
    if source is None or not text[start:source.start()].rstrip().endswith(","):
        return end
    return len(text[:source.start()].rstrip()) - 1


def _with_tails(frames: list[_Speech], tails: dict[int, _Speech], lay: _Layout) -> list[_Speech]:
    """A clause-final attribution ('…, the report said.') owns what comes before it in its sentence, unless a
    speech verb there frames its own content ('She told police that when she “…,” the report said'): then
    that content only ends where the attribution begins."""
    inner = set()
    for f in frames:
        tail = tails.get(lay.sentence(f.start)[0])
        if tail is not None and f.start < tail.end:
            inner.add(tail.start)
            f.end = min(f.end, tail.end)
    return frames + [t for start, t in tails.items() if start not in inner]


def _according(text: str, lay: _Layout) -> list[_Speech]:
    """'According to X, …' and '…, according to X, …' (what follows the phrase: after its comma, or after the
    dash that closes an aside, 'according to police — who … — Guyger went'), '…, according to X.' (what comes
    before)."""
    frames = []
    for m in _ACCORDING_RE.finditer(text):
        if m.start() and text[m.start() - 1].isalnum() or _NOT_A_SOURCE.match(text, m.end()):
            continue
        sent_start, sent_end = lay.sentence(m.start())
        head_end, attr = m.start(), _speaker_of(text, m.start(), m.span(), sent_start)
        while head_end > sent_start and text[head_end - 1] in " \t,(—–“\"«„'‘":
            head_end -= 1
        start = _after_source(text, m.end(), sent_end)
        if start is not None:
            frames.append(_Speech(start, _before_quote_said(text, start, sent_end), m.start(), attr, "reported"))
        elif head_end > sent_start and sent_end - m.end() <= 200 and not _quote_said(text, sent_start, head_end):
            frames.append(_Speech(sent_start, head_end, m.start(), attr, "reported"))
    return frames


def _before_quote_said(text: str, start: int, end: int) -> int:
    """Where content that runs into a quotation with its own attribution ends ('According to the Daily Caller, the
    police found children living in the “…,” Sheriff Jerry Hogrefe said in a statement'): after the quotation's
    closing mark; else ``end``."""
    for close in _CLOSE_SAID_RE.finditer(text, start, end):
        return close.start() + 1
    return end


def _quote_said(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end in a quotation's own attribution ('“…,” the message said, according to
    police')? Then the quotation is what was said, and the attribution is no reported content."""
    close = max(text.rfind(c, start, end) for c in "”\"»")
    return close >= 0 and _ATTR_RE.search(text, close, end) is not None


def _after_source(text: str, source_start: int, sent_end: int) -> int | None:
    """Where the reported content after 'according to X' begins: after the comma that ends the source, or
    after the second dash of an aside that follows it; None when the source runs to the sentence's end."""
    stop = _SOURCE_END_RE.search(text, source_start, min(sent_end, source_start + 200))
    if stop is None:
        return None
    if stop.group().strip() in "—–-":
        stop = _SOURCE_END_RE.search(text, stop.end(), min(sent_end, stop.end() + 300))
        if stop is None or stop.group().strip() not in "—–-":
            return None
    rest = text[stop.end():sent_end].split()
    if len(rest) > 8 and rest[0].lower() in _RELATIVE and "," in text[stop.end():sent_end]:
        return text.index(",", stop.end(), sent_end) + 1   # "according to WFAA, who obtained them, none …"
    if len(rest) < 2 or len(rest) <= 8 and rest[0].lower() in _APPOSITION or rest[0] in _PREPOSITIONS and text[
            max(0, source_start - 20):source_start - 12].rstrip().endswith(","):
        return None                                   # "…, according to John Smith, a spokesman.", "…, in support of"
    return stop.end()


def _as_noted(text: str, lay: _Layout) -> list[_Speech]:
    """'As Miller put it, …', 'As reported by CNN, …': the rest of the sentence, read like 'according to X'
    (not 'as I noted', 'as we reported': the outlet's own voice)."""
    frames = []
    for m in word_starts(_AS_RE, text):
        toks = _TOKEN_RE.findall(m.group(1) or m.group(2))
        attr = _who(toks) if toks and toks[0].lower() not in ("i", "we", "you", "it", "they") else ("unnamed",)
        if attr[0] in ("name", "pronoun", "role") and not _ACCORDING_RE.match(text, m.end() + 1):
            frames.append(_Speech(m.end(), lay.sentence(m.start())[1], m.start(), attr, "reported"))
    return frames

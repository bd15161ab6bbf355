"""Word lists for spinscope.quotes: speech verbs, titles and roles, and words that name nobody."""

from __future__ import annotations


def _words(text: str) -> set[str]:
    """The set of the whitespace-separated words of ``text`` (the lists below are kept as prose)."""
    return set(text.split())


SAY = ("said|says|say|told|tells|tell|claimed|claims|claim|stated|added|adds|noted|notes|warned|warns|stressed|"
      "stresses|argued|argues|insisted|insists|explained|explains|announced|announces|asserted|asserts|alleged|"
      "alleges|declared|declares|emphasi[sz]ed|emphasi[sz]es|maintained|maintains|admitted|admits|acknowledged|"
      "acknowledges|wrote|writes|confirmed|confirms|revealed|reveals|reported|pointed out|"
      "points out|saying|adding|noting|warning|stressing|arguing|insisting|claiming|explaining|stating|declaring|"
      "announcing|asserting|alleging|emphasi[sz]ing|writing|telling|pointing out|admitting|confirming|tweeted|tweets|"
      "tweeting|contends|contended|contend|contending|complained|complains|acknowledge|testified|testifies|reports|reiterated|"
      "suggested|suggests|conceded|concedes|predicted|recalled|replied|asked|asks|asking|denied|denies|state|note|"
      "reiterate|reiterates|insist|warn|explain|admit|confirm|reveal|suggest|informed|informs|inform|informing|"
      "notified|notifies|notify|notifying|reminds|reminded|remind|reminding|made clear|makes clear|make clear|"
      "cautioned|cautions|caution|cautioning|clarified|clarifies|clarify|ruled|charged|reporting|states|recommended|"
      "recommends")
MORE = ("replies|responded|continued|concluded|posted|commented|remarked|blasted|jabbed|snapped|fired back|"
       "observed|urged|promised|vowed|threatened|voiced|described|joked|boasted|"
       "agreed|exclaimed|shouted|quipped|wondered|lamented|demanded|cautioned|read|reads|according to")
HEADLINE_VERBS = ("Says|Warns|Claims|Insists|Admits|Denies|Vows|Demands|Urges|Calls|Slams|Blasts|Denounces|Condemns|"
                  "Decries|Hails|Praises|Accuses|Dismisses|Tells|Tweets")    # in a Title Case headline: "X Slams “…”"
EVALUATE = ("called|calls|call|calling|thanked|thanks|thanking|accused|accuses|accusing|condemned|condemns|described|"
            "describes|describing|praised|praises|slammed|slams|denounced|denounces|dismissed|dismisses|hailed|hails|"
            "criticized|criticised|criticizes|criticises|decried|decries|blasted|referred to|refers to|characterized|"
            "characterised|characterizes|characterises|characterizing|characterising|portrayed|portrays|misrepresented|depicted|vowed|pledged|promised")   # X <verb> Y (as) "…"
RU_SAY = ("сказал|сказала|сказали|заявил|заявила|заявили|отметил|отметила|отметили|добавил|добавила|добавили|"
          "подчеркнул|подчеркнула|подчеркнули|сообщил|сообщила|сообщили|ответил|ответила|пояснил|пояснила|"
          "заметил|заметила|признал|признала|уточнил|уточнила|говорит|говорил|говорила|заявляет|считает|"
          "написал|написала|рассказал|рассказала|указал|указала|напомнил|напомнила|предупредил|предупредила|"
          "спросил|спросила|утверждает|утверждал|утверждала|пишет|сообщает|отмечает|подчеркивает|подчёркивает")
FOREIGN_SAY = "sagte|sagt|erklärte|betonte|meinte|powiedział|powiedziała|stwierdził|stwierdziła|dodał|dodała"
ASK = {"asked", "asks", "asking"}     # reported only with "if" or "whether"
NO_THAT = {"said", "says", "say", "saying", "told", "tells"}     # verbs whose "that" may be left out anywhere
THAT_ONLY = {"note", "reiterate", "insist", "warn", "explain", "admit", "confirm", "reveal", "suggest", "inform",
             "notify", "remind", "make clear", "caution", "clarify", "ruled", "charged"}     # base forms: a clause only after "that" ("might reveal the clergy listed have …" is none)
TELL = ("tell", "told", "warn", "ask", "inform", "notif", "remind", "made clear", "makes clear", "make clear",
        "caution")      # verbs with an addressee before "that"
NO_CONTENT = {"something", "anything", "nothing", "everything", "much", "little", "more", "less", "so", "goodbye",
              "hello", "yes", "no", "sorry", "thanks", "otherwise"}   # "said something": no clause follows
TITLES = _words("""president vice prime minister deputy head chancellor secretary secretary-general director
director-general general senator sen rep representative congressman congresswoman governor gov mayor chairman chairwoman
chair chief spokesman spokeswoman spokesperson ambassador envoy mr mrs ms dr prof professor pope king queen prince
princess sheikh leader judge justice attorney commissioner founder lt col gen sgt capt captain colonel major lieutenant
commander admiral marshal officer agent bishop cardinal archbishop father rev reverend rabbi imam ayatollah speaker
lawmaker coach editor correspondent analyst lord lady sir dame dean patriarch principal sister brother sr fr msgr
supervisor candidate nominee whip sheriff prosecutor""")
STOP = _words("""the a an this that these those but and or so yet however while when after before in on at as if for
from with by of to it its he she they we i you his her their our my former both""")
GENERIC = _words("""officials experts sources critics analysts observers witnesses residents police authorities reports
scientists researchers doctors activists protesters investigators prosecutors lawmakers diplomats people many some
others all most everyone nobody someone who which media users members supporters opponents one two three four five
several few other now here there meanwhile still instead thus indeed yes no well according another although because
even did does do what why how where article starting really watch first finally since despite though whether
lawyers day not only furthermore moreover nevertheless nonetheless likewise otherwise besides therefore hence
consequently""") | STOP
SKIP = _words("""also later then further again previously earlier reportedly recently repeatedly publicly has had have
was were is are would will could did does do can should must might once on last this week month year yesterday today monday tuesday wednesday thursday
friday saturday sunday quoted as cited january february march april may june july august september october november
december""")                                # words between a speaker and the verb
CONJ = {"but", "and", "yet", "so", "while", "however", "also", "then", "or"}
GAP_START = _words("""in at on during to after before from via through last this earlier later yesterday today also
monday tuesday wednesday thursday friday saturday sunday""")   # "said in a statement that"
ORG_WORDS = _words("""ministry committee party office service department organisation organization council commission
union association institute university agency news kremlin pentagon government court police bank fund group company
inc corp foundation times post press reuters network tv channel army forces federation republic assembly parliament
congress senate house centre center states kingdom korea nations arabia emirates america
committees departments ministries agencies councils commissions offices services parties unions companies
groups courts""")   # plurals: "the House and Senate Judiciary Committees" names no person
MODIFIERS = _words("""american russian british german french chinese japanese korean iranian iraqi syrian israeli
palestinian ukrainian turkish saudi egyptian indian pakistani afghan mexican canadian australian italian spanish polish
swedish dutch belgian greek cuban venezuelan brazilian libyan lebanese jordanian qatari yemeni kurdish european western
eastern arab irish scottish welsh english hungarian czech serbian croatian belarusian georgian armenian nigerian african
asian swiss austrian norwegian danish finnish romanian bulgarian vietnamese filipino indonesian somali sudanese
colombian argentine chilean peruvian federal republican democratic democrat conservative labour liberal communist
catholic muslim jewish christian islamic us u.s uk u.k defeated embattled disgraced ousted indicted convicted
accused outgoing incoming jailed""")
BODIES = {"police", "bureau", "department", "ministry", "agency", "office", "committee", "commission", "council",
          "service", "government", "administration", "party", "company", "court", "campaign", "embassy", "army"}
ORG_NOUNS = _words("""company group network newspaper paper publication outlet site website platform firm organization
organisation channel magazine broadcaster station nonprofit charity watchdog coalition alliance board panel union
association institute university foundation""")    # "the group said": the body last given that noun, or the last body
PERSON_TITLES = TITLES - {"justice"}     # "President Trump": a person ("Justice Department" is a body)
PARTICLES = {"of", "de", "van", "von", "bin", "al", "da", "di", "del", "la", "le", "ibn", "dos", "el"}

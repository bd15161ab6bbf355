"""Texts in the supported languages, written for the tests: one line of each, short Russian and
Ukrainian lines (the hard case), two short articles, and a line in an unsupported language."""

ONE_LINE = {
    "en": "The government has once again lied to its own people about the war.",
    "ru": "Правительство снова солгало собственному народу об этой войне.",
    "uk": "Уряд знову збрехав власному народові про цю війну.",
    "de": "Die Regierung hat ihr eigenes Volk wieder einmal über den Krieg belogen.",
    "fr": "Le gouvernement a encore une fois menti à son propre peuple sur la guerre.",
    "es": "El gobierno ha vuelto a mentir a su propio pueblo sobre la guerra.",
    "it": "Il governo ha mentito ancora una volta al proprio popolo sulla guerra.",
    "pl": "Rząd po raz kolejny okłamał własny naród w sprawie wojny.",
}
SHORT_CYRILLIC = [
    ("ru", "Это наглая ложь западных СМИ."), ("ru", "Москва не будет молчать."),
    ("ru", "Они хотят уничтожить нашу страну."), ("uk", "Це нахабна брехня західних ЗМІ."),
    ("uk", "Київ не мовчатиме."), ("uk", "Вони хочуть знищити нашу країну."),
]
RUSSIAN_ARTICLE = (
    "Западные СМИ снова распространяют ложь о нашей стране. Так называемые эксперты, "
    "которые никогда не были в Донбассе, рассказывают читателям о «зверствах», не приводя "
    "ни одного доказательства.\n\nМинистр иностранных дел заявил, что Москва не будет "
    "молчать. «Это наглая провокация, и мы ответим на неё», — сказал он журналистам в среду.")
UKRAINIAN_ARTICLE = (
    "Західні ЗМІ знову поширюють неправду про нашу країну. Так звані експерти, які ніколи "
    "не були на сході, розповідають читачам про «звірства», не наводячи жодного доказу.\n\n"
    "Міністр закордонних справ заявив, що Київ не мовчатиме. «Це нахабна провокація, і ми "
    "відповімо на неї», — сказав він журналістам у середу.")
DUTCH = "Dit is een Nederlandse zin over de regering en de oorlog."

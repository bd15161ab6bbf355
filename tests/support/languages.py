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

PARAGRAPHS = {  # about fifty words each: long enough for the function-word shortcut to be tried
    "en": ("The minister said on Tuesday that the government would not give in to the pressure from "
           "abroad, and he added that the sanctions were an attempt to destroy the economy of the country. "
           "According to him, the opposition is paid by foreign agents who want to see the nation on its knees."),
    "de": ("Der Minister sagte am Dienstag, dass die Regierung dem Druck aus dem Ausland nicht nachgeben werde, "
           "und er fügte hinzu, dass die Sanktionen ein Versuch seien, die Wirtschaft des Landes zu zerstören. "
           "Nach seinen Worten wird die Opposition von ausländischen Agenten bezahlt, die das Volk auf den Knien "
           "sehen wollen."),
    "fr": ("Le ministre a déclaré mardi que le gouvernement ne céderait pas à la pression venue de l'étranger, "
           "et il a ajouté que les sanctions étaient une tentative de détruire l'économie du pays. Selon lui, "
           "l'opposition est payée par des agents étrangers qui veulent voir la nation à genoux et sans défense."),
    "es": ("El ministro dijo el martes que el gobierno no cedería ante la presión del extranjero, y añadió que "
           "las sanciones eran un intento de destruir la economía del país. Según él, la oposición está pagada "
           "por agentes extranjeros que quieren ver a la nación de rodillas y sin ninguna defensa."),
    "it": ("Il ministro ha detto martedì che il governo non cederà alle pressioni dall'estero, e ha aggiunto che "
           "le sanzioni sono un tentativo di distruggere l'economia del paese. Secondo lui, l'opposizione è "
           "pagata da agenti stranieri che vogliono vedere la nazione in ginocchio e senza alcuna difesa."),
    "pl": ("Minister powiedział we wtorek, że rząd nie ugnie się pod presją z zagranicy, i dodał, że sankcje są "
           "próbą zniszczenia gospodarki kraju. Według niego opozycja jest opłacana przez zagranicznych agentów, "
           "którzy chcą zobaczyć naród na kolanach i bez żadnej obrony przed wrogiem."),
    "nl": ("De minister zei dinsdag dat de regering niet zou toegeven aan de druk uit het buitenland, en hij "
           "voegde eraan toe dat de sancties een poging waren om de economie van het land te vernietigen. Volgens "
           "hem wordt de oppositie betaald door buitenlandse agenten die het volk op de knieën willen zien."),
    "pt": ("O ministro disse na terça-feira que o governo não cederia à pressão do estrangeiro, e acrescentou que "
           "as sanções eram uma tentativa de destruir a economia do país. Segundo ele, a oposição é paga por "
           "agentes estrangeiros que querem ver a nação de joelhos e sem nenhuma defesa contra o inimigo."),
}

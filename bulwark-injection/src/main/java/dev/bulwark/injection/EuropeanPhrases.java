package dev.bulwark.injection;

import static dev.bulwark.injection.PatternRule.leading;
import static dev.bulwark.injection.PatternRule.phrase;

import java.util.List;

/**
 * The core attack families in German, French, Spanish, Italian, Portuguese and Dutch, on normalized text (accents
 * folded: "präzise" is matched as "prazise"). Same weights as the English families they translate.
 */
final class EuropeanPhrases {
    private EuropeanPhrases() {}

    static List<PatternRule> rules() {
        return List.of(
                // German
                leading("de.ignore-instructions", 0.85,
                        "\\b(?:ignorier(?:e|en|t)?|vergiss|vergessen sie|missachte(?:n)?|verwirf|verwerfen sie)"
                                + " (?:(?:alle|samtliche|die|deine|ihre|bisherigen|vorherigen|vorigen|obigen|fruheren"
                                + "|vorangegangenen|alten|bisher|gegebenen|erhaltenen|und|sie|du) ){0,4}(?:anweisung"
                                + "|instruktion|befehl|vorgabe|regel|richtlinie|systemprompt|anordnung)[a-z]{0,4}\\b",
                        "ignorier", "vergiss", "vergessen", "missacht", "verwirf", "verwerfen"),
                phrase("de.new-instructions", 0.25, "\\bneue (?:anweisung|instruktion|befehl)[a-z]{0,3}\\b", "neue "),
                phrase("de.you-must-now", 0.45,
                        "\\b(?:du musst|sie mussen|du sollst|sie sollen) (?:jetzt|nun|sofort|ab sofort|stattdessen"
                                + "|zuerst)\\b",
                        "musst", "mussen", "sollst", "sollen"),
                phrase("de.leak-system-prompt", 0.7,
                        "\\b(?:zeige?|gib|verrate|nenne|drucke|wiederhole)(?: mir)? (?:deinen|deine|den|die|ihren|ihre)"
                                + " (?:system-?prompt|systemanweisungen|ursprunglichen anweisungen)\\b",
                        "system", "ursprunglich"),
                phrase("de.system-prompt", 0.25, "\\bsystem-?prompt|systemanweisung", "system"),
                phrase("de.hide-from-user", 0.6,
                        "\\b(?:sag|sage|erzahl|erzahle|verrate|teile?|sagen sie) (?:es |das |dies |davon |nichts )?"
                                + "(?:dem|der) (?:benutzer|nutzer|anwender|user)(?:in)? (?:nicht|nichts)\\b"
                                + "|\\bohne (?:den|die) (?:benutzer|nutzer|anwender)(?:in)? zu (?:informieren|fragen"
                                + "|benachrichtigen)\\b|\\b(?:der|die) (?:benutzer|nutzer)(?:in)? (?:darf|soll) (?:nichts"
                                + "|das nicht|davon nichts) (?:wissen|erfahren|merken)\\b",
                        "benutzer", "nutzer", "anwender", " user"),
                phrase("de.important-message", 0.45,
                        "\\b(?:dies|das) ist eine (?:sehr |extrem )?wichtige (?:nachricht|mitteilung|botschaft)"
                                + " (?:von|an|fur)\\b",
                        "wichtige"),
                phrase("de.before-the-task", 0.5,
                        "\\bbevor (?:du|sie) (?:die|deine|ihre) (?:aufgabe|anfrage)\\b", "bevor"),
                phrase("de.address-ai", 0.6,
                        "\\ban dich,? (?:die |den |das )?(?:ki|assistent|sprachmodell|modell|ki-[a-z]{2,12})\\b"
                                + "|\\b(?:liebe|lieber|hallo|achtung),? (?:ki|ki-assistent|sprachmodell)\\b"
                                + "|\\bwenn du (?:eine|ein) (?:ki|sprachmodell|ki-assistent|ki-agent) bist\\b",
                        "an dich", " ki", "sprachmodell"),
                // French
                leading("fr.ignore-instructions", 0.85,
                        "\\b(?:ignore[rz]?|oublie[rz]?|neglige[rz]?|ne tiens? pas compte|ne tenez pas compte)"
                                + " (?:(?:de|des|d'|toutes|tous|tout|les|tes|vos|ces|la|le) ){1,3}(?:instructions?"
                                + "|consignes?|directives?|regles|ordres|indications|prompts?)\\b",
                        "ignor", "oubli", "neglig", "ne tien", "ne tenez"),
                phrase("fr.new-instructions", 0.25, "\\bnouvelles? (?:instructions?|consignes?|directives?)\\b",
                        "nouvelle"),
                phrase("fr.you-must-now", 0.45,
                        "\\b(?:tu dois|vous devez) (?:maintenant|desormais|immediatement|d'abord|plutot)\\b", "dois",
                        "devez"),
                phrase("fr.leak-system-prompt", 0.7,
                        "\\b(?:montre|affiche|revele|donne|repete|imprime)[sz]?(?:-moi| moi)? (?:ton|votre|le|tes|vos"
                                + "|les) (?:prompt systeme|invite systeme|message systeme|instructions (?:initiales"
                                + "|systeme|d'origine|originales))\\b",
                        "systeme", "instructions"),
                phrase("fr.system-prompt", 0.25, "\\b(?:prompt|invite|message) systeme\\b", "systeme"),
                phrase("fr.hide-from-user", 0.6,
                        "\\bne? ?(?:le |lui |l')?(?:dis|dites|mentionne[sz]?|revele[sz]?|informe[sz]?|previens"
                                + "|prevenez|signale[sz]?) (?:rien |pas |jamais )(?:de (?:ceci|cela|ca) )?(?:a )?"
                                + "l'utilisat(?:eur|rice)|\\bn'(?:informe[sz]?|avertis|avertissez) pas l'utilisat",
                        "l'utilisat"),
                phrase("fr.without-telling-user", 0.45,
                        "\\bsans (?:en )?(?:informer|prevenir|avertir|demander a) l'utilisat(?:eur|rice)\\b", "sans "),
                phrase("fr.important-message", 0.45,
                        "\\b(?:ceci|c'est) (?:est )?un message (?:tres |extremement )?important (?:de|pour|a)\\b",
                        "important"),
                phrase("fr.before-the-task", 0.5,
                        "\\bavant de (?:pouvoir )?(?:resoudre|accomplir|terminer|faire|effectuer|commencer) (?:la|ta"
                                + "|votre|cette) tache\\b",
                        "avant de"),
                phrase("fr.address-ai", 0.65,
                        "\\b(?:a toi|a vous),? (?:l'|le |la )?(?:ia|assistant|modele de langage|intelligence"
                                + " artificielle)\\b|\\bsi (?:tu es|vous etes) une? (?:ia|intelligence artificielle"
                                + "|assistant|modele de langage|agent)\\b",
                        "a toi", "a vous", "si tu", "si vous"),
                // Spanish
                leading("es.ignore-instructions", 0.85,
                        "\\b(?:ignora|ignore|ignoren|ignorar|olvida|olvide|olviden|olvidar|descarta|omite|no hagas caso"
                                + " (?:a|de)) (?:(?:todas|todos|las|los|tus|sus|de|estas|esas) ){1,3}(?:instrucciones"
                                + "|indicaciones|ordenes|directrices|reglas)\\b",
                        "ignor", "olvid", "descarta", "omite", "no hagas caso"),
                phrase("es.new-instructions", 0.25, "\\bnuevas (?:instrucciones|indicaciones|ordenes)\\b", "nuevas"),
                phrase("es.you-must-now", 0.45,
                        "\\b(?:ahora|a partir de ahora) (?:debes|tienes que|deberas|usted debe)\\b"
                                + "|\\b(?:debes|tienes que) (?:ahora|inmediatamente|primero)\\b",
                        "debes", "tienes que", "deberas", "debe"),
                phrase("es.leak-system-prompt", 0.7,
                        "\\b(?:muestra|revela|dime|imprime|repite|ensena|dame)(?:me)? (?:tu|tus|el|las|su|sus)"
                                + " (?:prompt del sistema|mensaje del sistema|instrucciones (?:del sistema|iniciales"
                                + "|originales))\\b",
                        "sistema", "instrucciones"),
                phrase("es.system-prompt", 0.25, "\\b(?:prompt|mensaje|indicaciones) del sistema\\b", "del sistema"),
                phrase("es.hide-from-user", 0.6,
                        "\\bno (?:se lo |le |les )?(?:digas|diga|informes|informe|menciones|mencione|cuentes|cuente"
                                + "|reveles|revele) (?:nada |esto |eso )?(?:al|a los?) usuarios?\\b",
                        "usuario"),
                phrase("es.without-telling-user", 0.45,
                        "\\bsin (?:informar|avisar|decirle|preguntar) al usuario\\b", "usuario"),
                phrase("es.important-message", 0.45,
                        "\\b(?:este|esto) es un mensaje (?:muy )?importante (?:de|para)\\b", "importante"),
                phrase("es.before-the-task", 0.5,
                        "\\bantes de (?:poder )?(?:resolver|completar|realizar|hacer|terminar|empezar) (?:la|tu|su"
                                + "|esta) tarea\\b",
                        "antes de"),
                phrase("es.address-ai", 0.65,
                        "\\bsi (?:eres|usted es) una? (?:ia|inteligencia artificial|asistente|modelo de lenguaje"
                                + "|agente)\\b|\\ba ti,? (?:la |el )?(?:ia|asistente|modelo de lenguaje)\\b",
                        "si eres", "si usted", "a ti"),
                // Italian
                leading("it.ignore-instructions", 0.85,
                        "\\b(?:ignora|ignorate|ignori|ignorare|dimentica|dimenticate|dimentichi|trascura)"
                                + " (?:(?:tutte|tutti|le|i|gli|tue|sue|vostre|queste|quelle|di) ){0,3}(?:istruzioni"
                                + "|indicazioni|direttive|regole|ordini|prompt)\\b",
                        "ignor", "dimentic", "trascura"),
                phrase("it.new-instructions", 0.25, "\\bnuove (?:istruzioni|indicazioni|direttive)\\b", "nuove"),
                phrase("it.you-must-now", 0.45,
                        "\\b(?:ora|adesso|da ora in poi) (?:devi|deve|dovete)\\b|\\bdevi (?:ora|adesso|subito"
                                + "|prima)\\b",
                        "devi", "deve", "dovete"),
                phrase("it.leak-system-prompt", 0.7,
                        "\\b(?:mostra|rivela|dimmi|stampa|ripeti|dammi)(?:mi)? (?:il tuo|i tuoi|le tue|il|le)"
                                + " (?:prompt di sistema|messaggio di sistema|istruzioni (?:di sistema|iniziali"
                                + "|originali))\\b",
                        "sistema", "istruzioni"),
                phrase("it.system-prompt", 0.25, "\\b(?:prompt|messaggio) di sistema\\b", "di sistema"),
                phrase("it.hide-from-user", 0.6,
                        "\\bnon (?:dirlo|dire|dirgli|informare|avvisare|menzionare|rivelare|riferire)(?: nulla"
                                + "| niente| questo| cio)? (?:all'|l'|a l')utente\\b",
                        "utente"),
                phrase("it.without-telling-user", 0.45,
                        "\\bsenza (?:informare|avvisare|dirlo a|chiedere a) (?:l')?utente\\b", "utente"),
                phrase("it.important-message", 0.45,
                        "\\b(?:questo|questa) e una? (?:messaggio|comunicazione) (?:molto )?importante (?:da|di"
                                + "|per)\\b",
                        "importante"),
                phrase("it.before-the-task", 0.5,
                        "\\bprima di (?:poter )?(?:risolvere|completare|svolgere|fare|eseguire|iniziare) (?:il"
                                + "|questo|tuo) compito\\b",
                        "prima di"),
                phrase("it.address-ai", 0.7,
                        "\\bse sei una? (?:ia|intelligenza artificiale|assistente|modello linguistico|agente)\\b",
                        "se sei"),
                // Portuguese
                leading("pt.ignore-instructions", 0.85,
                        "\\b(?:ignore|ignora|ignorem|ignorar|esqueca|esquecam|esquece|esquecer|desconsidere"
                                + "|desconsiderar|descarte) (?:(?:todas|todos|as|os|suas|tuas|estas|essas|de|das"
                                + "|dos) ){1,3}(?:instrucoes|instrucao|orientacoes|ordens|diretrizes|regras)\\b",
                        "ignor", "esquec", "desconsider", "descarte"),
                phrase("pt.new-instructions", 0.25, "\\bnovas (?:instrucoes|orientacoes|ordens)\\b", "novas"),
                phrase("pt.you-must-now", 0.45,
                        "\\b(?:agora|a partir de agora),? (?:voce|tu) (?:deve|precisa|tem que)\\b"
                                + "|\\b(?:voce|tu) (?:deve|precisa) (?:agora|imediatamente|primeiro)\\b",
                        "voce", "tu "),
                phrase("pt.leak-system-prompt", 0.7,
                        "\\b(?:mostre|revele|diga|imprima|repita|me de|mostra|revela)(?:-me)? (?:o seu|seu|o|as suas"
                                + "|suas|as) (?:prompt do sistema|mensagem do sistema|instrucoes (?:do sistema"
                                + "|iniciais|originais))\\b",
                        "sistema", "instrucoes"),
                phrase("pt.system-prompt", 0.25, "\\b(?:prompt|mensagem) do sistema\\b", "do sistema"),
                phrase("pt.hide-from-user", 0.6,
                        "\\bnao (?:conte|diga|informe|mencione|revele|avise|fale)(?: nada| isso| isto)? (?:ao|para o"
                                + "|a) (?:usuario|utilizador)\\b",
                        "usuario", "utilizador"),
                phrase("pt.without-telling-user", 0.45,
                        "\\bsem (?:informar|avisar|perguntar a?o?) (?:o )?(?:usuario|utilizador)\\b", "usuario",
                        "utilizador"),
                phrase("pt.important-message", 0.45,
                        "\\b(?:esta|essa|este|esse) e uma? mensagem (?:muito )?importante (?:de|do|da|para)\\b",
                        "importante"),
                phrase("pt.before-the-task", 0.5,
                        "\\bantes de (?:poder )?(?:resolver|completar|realizar|fazer|concluir|iniciar) (?:a|sua"
                                + "|esta) tarefa\\b",
                        "antes de"),
                phrase("pt.address-ai", 0.7,
                        "\\bse voce (?:e|for) uma? (?:ia|inteligencia artificial|assistente|modelo de linguagem"
                                + "|agente)\\b",
                        "se voce"),
                // Dutch
                leading("nl.ignore-instructions", 0.85,
                        "\\b(?:negeer|negeren|vergeet|vergeten|veronachtzaam) (?:(?:alle|de|je|jouw|uw|eerdere|vorige"
                                + "|voorgaande|bovenstaande|oude|oorspronkelijke) ){0,3}(?:instructies|instructie"
                                + "|opdrachten|aanwijzingen|regels|prompts?|richtlijnen)\\b",
                        "negeer", "negeren", "vergeet", "vergeten", "veronachtzaam"),
                phrase("nl.new-instructions", 0.25, "\\bnieuwe (?:instructies|opdrachten|aanwijzingen)\\b", "nieuwe"),
                phrase("nl.you-must-now", 0.45,
                        "\\b(?:je|jij|u) (?:moet|moeten) (?:nu|onmiddellijk|eerst|meteen|vanaf nu)\\b", "moet"),
                phrase("nl.leak-system-prompt", 0.7,
                        "\\b(?:toon|laat zien|geef|herhaal|onthul|print)(?: mij| me)? (?:je|jouw|uw|de)"
                                + " (?:systeemprompt|systeem-prompt|systeembericht|systeeminstructies"
                                + "|oorspronkelijke instructies)\\b",
                        "systeem", "oorspronkelijke"),
                phrase("nl.system-prompt", 0.25, "\\bsysteem-?prompt\\b", "systeem"),
                phrase("nl.hide-from-user", 0.6,
                        "\\b(?:vertel|zeg|meld)(?: het| dit| dat)? (?:niet|niets) (?:aan |tegen )?de gebruiker\\b"
                                + "|\\b(?:vertel|zeg|meld)(?: het| dit| dat)? (?:aan |tegen )?de gebruiker (?:niet"
                                + "|niets)\\b|\\bzonder de gebruiker te (?:informeren|waarschuwen|vragen)\\b",
                        "gebruiker"),
                phrase("nl.important-message", 0.45,
                        "\\bdit is een (?:zeer |heel )?belangrijk(?:e)? (?:bericht|mededeling) (?:van|voor|aan)\\b",
                        "belangrijk"),
                phrase("nl.before-the-task", 0.5,
                        "\\bvoordat (?:je|jij|u) (?:de|je|uw|deze) (?:taak|opdracht)\\b", "voordat"),
                phrase("nl.address-ai", 0.7,
                        "\\bals (?:je|jij|u) een (?:ai|ki|taalmodel|assistent|ai-assistent|agent) (?:bent|is)\\b",
                        "als "));
    }
}

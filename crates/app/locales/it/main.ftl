## Learning City — messaggi in italiano (lingua predefinita).

site-tagline = La rete delle città che apprendono
skip-to-content = Vai al contenuto principale
nav-language = Lingua
nav-account = Il tuo profilo
nav-main = Navigazione principale
nav-breadcrumbs = Ti trovi in
nav-home = Home
nav-organisations = Organizzazioni
nav-networks = Reti
nav-commitments = Impegni
nav-admin = Amministrazione
nav-demo-mail = Posta demo
nav-login = Accedi
nav-logout = Esci
nav-register = Registrati
footer-accessibility = Dichiarazione di accessibilità
footer-api = API e dati aperti
footer-status = Stato del servizio
footer-about = Learning City è software libero: partecipazione, partenariati e apprendimento permanente per una rete di città.
back-home = Torna alla home
save = Salva
yes = Sì
no = No

home-title = La rete delle città che apprendono
home-lead = Comuni, associazioni, scuole, università e consorzi che imparano insieme come comprendere e orientare il cambiamento del territorio.
home-members = Chi fa parte della rete
home-all-organisations = Vedi tutte le organizzazioni
home-networks = Reti
home-commitments = Impegni sottoscritti
home-territories = Territori

members-count = { $count ->
    [1] 1 membro
   *[other] { $count } membri
}
signatures-count = { $count ->
    [1] 1 firma
   *[other] { $count } firme
}
since-date = dal { $date }
signed-on = firmato il { $date }

kind-municipality = Comune
kind-association = Associazione
kind-university = Università
kind-consortium = Consorzio
kind-school = Scuola
kind-company = Impresa
kind-network = Rete
kinds-municipality = Comuni
kinds-association = Associazioni
kinds-university = Università
kinds-consortium = Consorzi
kinds-school = Scuole
kinds-company = Imprese
kinds-network = Reti

role-admin = Amministratore dell'organizzazione
role-member = Membro
role-instance-admin = Amministratore della piattaforma

orgs-title = Organizzazioni
orgs-found = { $count ->
    [0] Nessuna organizzazione trovata
    [1] 1 organizzazione trovata
   *[other] { $count } organizzazioni trovate
}
orgs-empty = Nessuna organizzazione corrisponde ai filtri. Prova a togliere un filtro o a cercare un'altra parola.
filters-title = Filtra
filter-text = Cerca per nome o descrizione
filter-kind = Tipo di organizzazione
filter-territory = Territorio
filter-any = Tutti
filter-none = Nessuno
filter-apply = Applica i filtri
filter-clear = Togli tutti i filtri
pager-label = Pagine dei risultati
pager-prev = Pagina precedente
pager-next = Pagina successiva
pager-page = Pagina { $page }

org-facts = In sintesi
org-edit = Modifica il profilo
org-edit-title = Modifica il profilo di { $name }
org-members = Persone dell'organizzazione
org-member-count = Persone iscritte
org-networks = Reti di cui fa parte
org-networks-none = Non fa ancora parte di nessuna rete.
org-commitments = Impegni sottoscritti
org-commitments-none = Non ha ancora sottoscritto impegni.
network-members = Membri
network-profile = Profilo dell'organizzazione
network-add = Aggiungi un membro alla rete
network-add-submit = Aggiungi alla rete

field-name = Nome e cognome
field-email = Indirizzo email
field-password = Password
field-new-password = Nuova password
field-org-name = Nome dell'organizzazione
field-org-email = Email dell'organizzazione
field-kind = Tipo
field-slug = Indirizzo breve
field-description = Descrizione
field-website = Sito web
field-default-lang = Lingua predefinita
field-territory = Territorio di riferimento
field-territory-name = Territorio
field-istat-code = Codice ISTAT
field-nuts3 = Codice NUTS-3
field-population = Popolazione
field-role = Ruolo
field-org = Organizzazione
field-since = Membro dal
field-signed-on = Data della firma
field-sign-for = Firma per conto di
field-lang = Lingua dell'interfaccia

hint-name = Come vuoi che ti vedano gli altri, da 2 a 100 caratteri.
hint-email = Ti invieremo un link per confermarlo.
hint-password = Almeno 10 caratteri. Una frase lunga è più sicura e più facile da ricordare.
hint-slug = Lettere minuscole, numeri e trattini, ad esempio comune-di-valdora. Se lo lasci vuoto lo ricaviamo dal nome.
hint-description = Al massimo 4000 caratteri.
hint-website = Ad esempio https://www.comune.esempio.it
hint-territory = Per un comune indica il suo territorio; per le altre organizzazioni scegli il territorio di riferimento.
hint-istat = Sei cifre, ad esempio 001272.
hint-nuts3 = Due lettere e tre caratteri, ad esempio ITC11.
hint-date = Nel formato AAAA-MM-GG, ad esempio 2026-11-25.
hint-invite = Riceverà un link valido 14 giorni.
hint-grant-email = L'indirizzo di una persona già registrata.
territory-legend = Territorio

members-change = Cambia ruolo
members-apply = Applica
members-remove = Togli dall'organizzazione
members-role-for = Ruolo di { $name }
invite-title = Invita una persona
invite-send = Invia l'invito

networks-title = Reti
networks-lead = Le reti di cui fanno parte le organizzazioni: la rete locale delle città che apprendono e le reti europee e internazionali.
networks-empty = Nessuna rete ancora.

commitments-title = Impegni
commitments-lead = Gli impegni che le organizzazioni della rete sottoscrivono, come il Manifesto delle Città che Apprendono.
commitments-empty = Nessun impegno ancora.
commitment-sign = Sottoscrivi questo impegno
commitment-sign-submit = Firma

register-title = Crea un account
register-submit = Crea l'account
register-have-account = Hai già un account?
register-done-title = Controlla la tua email
register-done-body = Se l'indirizzo è corretto, ti abbiamo inviato un messaggio con un link per confermarlo. Il link vale 7 giorni.
confirm-title = Conferma il tuo indirizzo email
confirm-intro = Premi il pulsante per confermare il tuo indirizzo email.
confirm-submit = Conferma l'indirizzo

login-title = Accedi
login-submit = Accedi
login-by-link = Accedi con un link via email, senza password
login-forgot = Hai dimenticato la password?
login-no-account = Non hai un account? Registrati
link-title = Accedi con un link via email
link-intro = Scrivi il tuo indirizzo: se ha un account ti invieremo un link per entrare, valido 30 minuti.
link-submit = Inviami il link
link-sent-title = Controlla la tua email
link-sent-body = Se l'indirizzo ha un account, ti abbiamo inviato un messaggio con un link valido 30 minuti.
link-use-title = Accedi con il link
link-use-intro = Premi il pulsante per entrare nel tuo account.
forgot-title = Reimposta la password
forgot-intro = Scrivi il tuo indirizzo: se ha un account ti invieremo un link per scegliere una nuova password.
forgot-submit = Inviami il link
reset-title = Scegli una nuova password
reset-intro = Dopo il cambio, gli altri accessi aperti al tuo account verranno chiusi.
reset-submit = Cambia la password

account-title = Il tuo account
account-since = Iscritto dal
account-orgs = Le tue organizzazioni
account-orgs-none = Non fai ancora parte di nessuna organizzazione.

invitation-title = Invito a unirti a un'organizzazione
invitation-intro = Sei stato invitato a unirti a un'organizzazione della rete.
invitation-accept = Accetta l'invito
invitation-login-first = Per accettare l'invito accedi o crea un account con l'indirizzo a cui è arrivato.

admin-title = Amministrazione
admin-new-org = Nuova organizzazione
admin-grant = Assegna un ruolo
admin-grant-submit = Assegna il ruolo
admin-users = Account
admin-users-count = { $count ->
    [1] 1 account
   *[other] { $count } account
}
admin-confirmed = Email confermata
admin-audit = Registro delle modifiche
admin-audit-caption = Le ultime 20 voci del registro, verificabile con learning-city audit verify
admin-audit-when = Quando
admin-audit-action = Azione
admin-audit-subject = Oggetto

demo-accounts = Account dimostrativi
demo-accounts-hint = Tutti gli account dimostrativi usano la password { $password }.
demo-role-instance-admin = Amministra la piattaforma
demo-role-coordinator = Coordina la rete locale
demo-role-official = Funzionario comunale, amministra il Comune di Valdora
demo-role-elected = Assessora, membro del Comune di Valdora
demo-role-facilitator = Facilitatore, amministra l'impresa sociale
demo-role-association = Rappresenta un'associazione
demo-role-researcher = Ricercatore universitario
demo-role-citizen = Cittadina, senza ruoli
demo-mail-title = Posta demo
demo-mail-lead = In modalità demo i messaggi non escono: li trovi qui, con i loro link.
demo-mail-empty = Nessun messaggio ancora.
demo-mail-open = Apri la posta demo
demo-mail-to = A:
job-status-queued = In coda
job-status-running = In invio
job-status-done = Inviato
job-status-failed = Non inviato

notice-saved = Modifiche salvate.
notice-invited = Invito inviato.
notice-member-changed = Ruolo aggiornato.
notice-joined = Ora fai parte dell'organizzazione.
notice-member-added = Membro aggiunto alla rete.
notice-signed = Impegno sottoscritto.
notice-created = Organizzazione creata.
notice-granted = Ruolo assegnato.
notice-confirmed = Indirizzo confermato: ora puoi accedere.

error-prefix = Errore:
error-summary-title = C'è un problema
error-invalid = Alcuni dati non sono validi.
error-not-found-title = Pagina non trovata
error-not-found = La pagina che cerchi non esiste o non è più disponibile. Controlla l'indirizzo.
error-forbidden-title = Accesso non consentito
error-forbidden = Non hai i permessi per questa pagina o per questa azione.
error-rate-limited-title = Troppi tentativi
error-rate-limited = Troppi tentativi da questo indirizzo. Riprova tra 15 minuti, oppure accedi con un link via email.
error-request-title = Richiesta non valida
error-internal-title = Si è verificato un errore
error-internal = Qualcosa non ha funzionato da parte nostra. Riprova tra poco; se il problema continua, avvisa chi gestisce il sito.
error-csrf = Il modulo è scaduto o non proviene da questo sito. Torna indietro, ricarica la pagina e riprova.
error-csrf-origin = La richiesta proviene da un altro sito ed è stata rifiutata.
error-timeout = La richiesta ha richiesto troppo tempo. Riprova.
error-too-large = I dati inviati sono troppo grandi.
token-invalid = Il link non è valido, è già stato usato o è scaduto. Chiedine uno nuovo.

email-required = Scrivi il tuo indirizzo email.
email-invalid = Scrivi un indirizzo email valido, ad esempio nome@esempio.it.
email-taken = Esiste già un account con questo indirizzo.
password-too-short = La password deve avere almeno 10 caratteri.
password-too-long = La password può avere al massimo 200 caratteri.
name-required = Scrivi il nome.
name-too-short = Il nome deve avere almeno 2 caratteri.
name-too-long = Il nome può avere al massimo 100 caratteri.
name-markup = Il nome non può contenere i caratteri < e >.
name-invalid = Il nome contiene caratteri non ammessi.
login-failed = Email o password non corretti.
login-unconfirmed = Devi prima confermare il tuo indirizzo: ti abbiamo inviato un nuovo link.
kind-invalid = Scegli un tipo di organizzazione.
role-invalid = Scegli un ruolo.
slug-invalid = Usa da 2 a 60 lettere minuscole, numeri e trattini singoli.
slug-taken = Questo indirizzo breve è già usato da un'altra organizzazione.
istat-invalid = Il codice ISTAT è di sei cifre.
istat-taken = Questo codice ISTAT appartiene già a un altro territorio.
nuts3-invalid = Il codice NUTS-3 è di due lettere e tre caratteri, ad esempio ITC11.
population-invalid = Scrivi la popolazione come numero intero.
territory-invalid = Scegli un territorio dall'elenco.
text-too-long = Il testo è troppo lungo.
text-invalid = Il testo contiene caratteri non ammessi.
url-invalid = Scrivi un indirizzo che inizi con https:// o http://.
date-invalid = Scrivi una data valida nel formato AAAA-MM-GG.
lang-invalid = Scegli italiano o inglese.
org-unknown = Scegli un'organizzazione dall'elenco.
org-self = Una rete non può essere membro di sé stessa.
already-signed = Questa organizzazione ha già sottoscritto l'impegno.
account-unknown = Nessun account con questo indirizzo.
last-admin = L'organizzazione deve avere almeno un amministratore.
not-a-network = Questa organizzazione non è una rete.
not-a-demo-database = Il database contiene dati che non sono una demo.

mail-greeting = Ciao { $name },
mail-signature = — Learning City
mail-confirm-subject = Conferma il tuo indirizzo email
mail-confirm-body = per confermare il tuo indirizzo apri questo link (vale 7 giorni):
    
    { $link }
mail-already-subject = Hai già un account
mail-already-body = qualcuno ha provato a registrarsi con il tuo indirizzo, che ha già un account. Se eri tu, accedi da qui:
    
    { $link }
    
    Se non eri tu, puoi ignorare questo messaggio.
mail-login-link-subject = Il tuo link per accedere
mail-login-link-body = apri questo link per entrare (vale 30 minuti e una sola volta):
    
    { $link }
mail-reset-subject = Reimposta la password
mail-reset-body = apri questo link per scegliere una nuova password (vale 30 minuti e una sola volta):
    
    { $link }
    
    Se non l'hai chiesto tu, ignora questo messaggio.
mail-invite-subject = Invito a unirti a { $org }
mail-invite-body = sei stato invitato a unirti a { $org } su Learning City. Apri questo link per accettare (vale 14 giorni):
    
    { $link }

a11y-title = Dichiarazione di accessibilità
a11y-p1 = Learning City vuole essere usabile da tutte le persone. Le pagine seguono le Linee guida WCAG 2.1 di livello AA: funzionano con la sola tastiera, senza JavaScript, con i lettori di schermo e con il testo ingrandito.
a11y-p2 = Ogni pagina è verificata automaticamente con axe a ogni modifica del software, e ogni percorso principale è provato usando solo la tastiera.
a11y-p3 = Se trovi una barriera, scrivi a chi gestisce questo sito: risponderemo entro 30 giorni.

month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre

nav-processes = Processi
processes-title = Processi partecipativi
processes-lead = Consultazioni, co-progettazioni, bilanci partecipativi e assemblee: che cosa si decide, che cosa promette chi decide, e quando si può partecipare.
processes-empty = Nessun processo pubblicato per ora.
process-now = Ora: { $phase }
process-finished = Concluso
process-upcoming = In arrivo
process-draft-notice = Bozza: visibile solo a chi amministra l'organizzazione finché non viene pubblicata.
process-question = La domanda
process-promise = Che cosa si farà dei contributi
process-iap2 = Livello di partecipazione
process-timeline = Le fasi
process-no-phases = Nessuna fase ancora: aggiungine una per poter pubblicare.
phase-add = Aggiungi una fase
phase-add-submit = Aggiungi la fase
process-publish = Pubblica il processo
process-new = Nuovo processo
process-create = Crea il processo (in bozza)
org-processes = Processi partecipativi
org-processes-none = Nessun processo pubblicato.
org-drafts = Bozze
field-process-title = Titolo
field-question = La domanda posta ai partecipanti
hint-question = Una domanda chiara, a cui si può rispondere.
field-promise = L'impegno di chi decide
hint-promise = Che cosa farà l'amministrazione dei contributi, e entro quando.
field-phase-kind = Che cosa si apre
field-phase-title = Titolo della fase
field-starts-on = Inizio
field-ends-on = Fine
process-kind-consultation = Consultazione
process-kind-co-design = Co-progettazione
process-kind-participatory-budget = Bilancio partecipativo
process-kind-citizens-assembly = Assemblea di cittadini
process-kind-pact-programme = Patti di collaborazione
iap2-inform = Informare
iap2-consult = Consultare
iap2-involve = Coinvolgere
iap2-collaborate = Collaborare
iap2-empower = Delegare
iap2-inform-hint = i partecipanti ricevono informazioni chiare.
iap2-consult-hint = i partecipanti danno il loro parere, e ricevono una risposta su come è stato usato.
iap2-involve-hint = le loro proposte entrano nelle alternative su cui si decide.
iap2-collaborate-hint = le soluzioni si costruiscono insieme e le loro raccomandazioni vengono accolte il più possibile.
iap2-empower-hint = la decisione finale è dei partecipanti.
phase-kind-information = Informazione
phase-kind-proposing = Proposte
phase-kind-supporting = Sostegni
phase-kind-commenting = Commenti
phase-kind-voting = Voto
phase-kind-evaluating = Valutazione
phase-kind-implementing = Realizzazione
phase-past = Conclusa
phase-current = In corso
phase-upcoming = In arrivo
notice-published = Processo pubblicato.
process-kind-invalid = Scegli un tipo di processo.
iap2-invalid = Scegli un livello di partecipazione.
phase-kind-invalid = Scegli che cosa apre la fase.
phase-ends-before-start = La fine non può precedere l'inizio.
text-required = Scrivi almeno 3 caratteri.
process-needs-phase = Aggiungi almeno una fase prima di pubblicare.

## Proposte
proposals-title = Proposte
proposals-found = { $count ->
    [0] Nessuna proposta trovata
    [1] 1 proposta
   *[other] { $count } proposte
}
proposals-empty = Nessuna proposta corrisponde ancora a questi filtri.
proposal-new = Scrivi una proposta
proposal-new-intro = La proposta viene salvata prima come bozza: la vedrai come la vedranno gli altri, insieme alle proposte simili già presentate, prima di pubblicarla.
proposal-edit = Modifica la proposta
proposal-save-draft = Salva la bozza
proposal-your-drafts = Le tue bozze
proposal-draft-title = Questa è una bozza che vedi solo tu
proposal-draft-hint = Controlla il testo e le proposte simili qui sotto: forse puoi sostenerne una invece di scriverne un'altra. Pubblica quando sei pronto.
proposal-similar = Proposte simili già pubblicate
similarity = simile al { $percent }%
proposal-publish = Pubblica la proposta
proposal-withdraw = Ritira la proposta
proposal-withdrawn = Ritirata
proposal-by = di { $name }
proposal-supports = { $count ->
    [0] Nessun sostegno
    [1] 1 sostegno
   *[other] { $count } sostegni
}
proposal-comments = { $count ->
    [0] Nessun commento
    [1] 1 commento
   *[other] { $count } commenti
}
proposal-support = Sostieni questa proposta
proposal-unsupport = Ritira il mio sostegno
proposal-you-support = Sostieni questa proposta.
support-limit-hint = Ogni persona può sostenere fino a { $limit } proposte in questo processo.
threshold-reached = Ha raggiunto i sostegni necessari per essere valutata.
threshold-missing = { $count ->
    [1] Manca 1 sostegno perché sia valutata.
   *[other] Mancano { $count } sostegni perché sia valutata.
}
proposal-answer = Risposta ufficiale
proposal-answer-form = Rispondi alla proposta
proposal-answer-submit = Pubblica la risposta
proposal-history = Cronologia
answer-none = Non ancora risposta
answer-evaluating = In valutazione
answer-accepted = Accolta
answer-rejected = Non accolta
answer-implemented = Realizzata
event-created = Bozza scritta
event-published = Pubblicata
event-edited = Modificata dall'autore
event-withdrawn = Ritirata dall'autore
category-environment = Ambiente e verde
category-mobility = Mobilità
category-culture = Cultura
category-education = Istruzione e apprendimento
category-social = Sociale e comunità
category-sport = Sport
category-urban = Spazi e servizi pubblici
category-youth = Giovani
category-other = Altro
field-proposal-title = Titolo
hint-proposal-title = Tra 10 e 150 caratteri: di' che cosa proponi.
field-proposal-body = Descrizione
hint-markdown = Puoi usare Markdown: **grassetto**, *corsivo*, elenchi, link.
field-category = Tema
field-place = Luogo
hint-place = Facoltativo: dove, a parole (una via, un parco, un quartiere).
field-cost = Costo stimato in euro
hint-cost = Facoltativo, euro interi, per esempio 25000.
field-answer = Risposta
field-answer-text = Motivazione
field-order = Ordine
order-recent = Più recenti
order-supports = Più sostenute
order-comments = Più commentate
order-oldest = Meno recenti
filter-withdrawn = Includi le proposte ritirate
choose = Scegli…
login-to-participate = Accedi per partecipare
proposing-closed = In questa fase non si raccolgono nuove proposte.
supporting-closed = In questa fase non si raccolgono sostegni.
commenting-closed = In questa fase i commenti sono chiusi.
comments-empty = Ancora nessun commento.
comment-add = Aggiungi un commento
field-comment = Il tuo commento
field-reply = La tua risposta
field-alignment = La tua posizione sulla proposta
alignment-for = A favore
alignment-neutral = Neutrale
alignment-against = Contro
comment-submit = Pubblica il commento
comment-reply = Rispondi
comment-up = D'accordo
comment-down = Non d'accordo
comment-ups = { $count } d'accordo
comment-downs = { $count } non d'accordo
comment-edited = modificato
notice-draft-saved = La bozza è salvata. Controllala e pubblicala quando sei pronto.
notice-withdrawn = La proposta è ritirata.
notice-supported = Grazie: il tuo sostegno è contato.
notice-unsupported = Il tuo sostegno è ritirato.
notice-answered = La risposta è pubblicata.
notice-commented = Il tuo commento è pubblicato.
notice-comment-voted = Il tuo voto è contato.
proposal-title-short = Scrivi un titolo di almeno 10 caratteri.
proposal-body-short = Descrivi la proposta in almeno 15 caratteri.
category-invalid = Scegli un tema dall'elenco.
cost-invalid = Scrivi il costo in euro interi (solo cifre), al massimo 100 000 000.
answer-invalid = Scegli una risposta dall'elenco.
answer-text-short = Motiva la risposta in almeno 10 caratteri.
alignment-invalid = Scegli a favore, neutrale o contro.
comment-empty = Scrivi un commento.
comment-parent-invalid = Il commento a cui rispondi non è su questa proposta.
comment-own-vote = Non puoi votare un tuo commento.
vote-invalid = Il voto deve essere d'accordo o non d'accordo.
process-not-published = Questo processo non è ancora pubblicato.
proposal-not-draft = La proposta è già pubblicata.
proposal-not-editable = Questa proposta non si può più modificare: qualcuno la sostiene, ha una risposta, o è passato un giorno dalla pubblicazione.
proposal-not-published = Si possono sostenere, rispondere o commentare solo le proposte pubblicate.
proposal-not-withdrawable = Una proposta accolta o realizzata non si può ritirare.
support-limit-reached = Hai usato tutti i sostegni che hai in questo processo. Ritirane uno per sostenere questa proposta.

## Ricerca
search-title = Cerca
search-label = Cerca proposte, commenti, processi e organizzazioni
search-submit = Cerca
search-kinds = Tipi di contenuto
search-all = Tutto
search-kind-process = Processi
search-kind-proposal = Proposte
search-kind-comment = Commenti
search-kind-organisation = Organizzazioni
search-found = { $count ->
    [0] Nessun risultato
    [1] 1 risultato
   *[other] { $count } risultati
}
search-empty = Nessun contenuto corrisponde a queste parole. Prova con meno parole o parole diverse.

## Verifica
verify-title = Verifica la residenza
verify-intro = Alcuni processi di { $org } sono aperti solo ai residenti. Scrivi l'identificativo e la data di nascita come risultano in anagrafe; li confrontiamo con l'anagrafe senza conservare ciò che scrivi.
verify-privacy = L'anagrafe è conservata solo come impronte con sale (SHA-256): nessuno può risalire a codici o date di nascita. Ogni record può verificare un solo account.
verify-demo = Demo: questi record dell'anagrafe di Valdora sono liberi da provare.
verify-done = Residente verificato di { $org }
verify-submit = Verifica
field-identifier = Codice fiscale o identificativo del residente
hint-identifier = Come risulta in anagrafe, per esempio RSSMRA85T10A562S.
field-birth-date = Data di nascita
hint-birth-date = Giorno/mese/anno o anno-mese-giorno, per esempio 10/12/1985.
identifier-required = Scrivi l'identificativo.
identifier-invalid = L'identificativo ha da 4 a 32 lettere e cifre.
codice-fiscale-invalid = Questo codice fiscale non è valido: controlla i caratteri.
birth-date-invalid = Scrivi una data di nascita reale, per esempio 10/12/1985.
verification-not-found = Nessun record dell'anagrafe corrisponde a questo identificativo e a questa data. Controllali; dopo 5 tentativi dovrai attendere 15 minuti.
verification-taken = Questo record dell'anagrafe verifica già un altro account. L'ente è stato avvisato; contattalo se il record è tuo.
verification-already = Il tuo account è già verificato con un altro record dell'anagrafe di questo ente.
verification-required = In questo processo possono farlo solo i residenti verificati.
verification-required-hint = Qui possono sostenere le proposte solo i residenti verificati di { $org }.
census-missing = Questo ente non ha ancora caricato l'anagrafe.
notice-verified = La tua residenza è verificata.
account-verified = Residenza
account-verified-none = Non sei verificato come residente di alcun ente.
census-title = Anagrafe per la verifica
census-records = Record
census-claimed = Usati per verificare un account
census-flags = Secondi tentativi segnalati
census-last-upload = Ultimo caricamento
census-upload = Carica una nuova anagrafe
census-format = Un file CSV (virgola o punto e virgola), un residente per riga: identificativo (codice fiscale o altro), data di nascita. È ammessa una riga di intestazione. Il nuovo file sostituisce i record non ancora usati; quelli già usati restano.
field-census-file = File dell'anagrafe (CSV, UTF-8)
census-upload-submit = Carica l'anagrafe
census-imported = { $count ->
    [1] 1 record letto.
   *[other] { $count } record letti.
}
census-added = { $count ->
    [0] Nessuno era nuovo.
    [1] 1 era nuovo.
   *[other] { $count } erano nuovi.
}
census-refused = { $count ->
    [1] Il file non è stato importato: 1 riga ha un problema.
   *[other] Il file non è stato importato: { $count } righe hanno problemi.
}
census-line = Riga { $page }
census-columns = servono esattamente due colonne, identificativo e data di nascita
census-duplicate = lo stesso residente compare due volte
census-empty = il file non contiene record
census-too-large = il file ha più di 500 000 record
census-unreadable = Non è stato possibile leggere il file. Caricalo di nuovo.
census-not-utf8 = Il file non è testo UTF-8: salvalo come «CSV UTF-8» e caricalo di nuovo.

## Incontri
meetings-title = Incontri
meetings-empty = Non ci sono ancora incontri in programma.
meeting-new = Programma un incontro
meeting-create = Programma l'incontro
meeting-kind-in-person = In presenza
meeting-kind-online = Online
meeting-kind-hybrid = In presenza e online
meeting-method-world-cafe = World Café
meeting-method-open-space = Open Space
meeting-method-workshop = Laboratorio
meeting-method-public-assembly = Assemblea pubblica
meeting-method-focus-group = Focus group
meeting-method-walk = Passeggiata di quartiere
meeting-method-other = Altro
field-meeting-title = Titolo
field-meeting-kind = Dove
field-meeting-method = Metodo
hint-meeting-place = L'indirizzo, per gli incontri in presenza.
field-online-url = Collegamento online
hint-online-url = Per gli incontri online e misti, https://…
field-starts-at = Inizio
field-ends-at = Fine
hint-datetime = Data e ora, per esempio 2026-12-01 18:30 (ora italiana).
field-capacity = Posti
hint-capacity = Lascia vuoto se non serve iscriversi.
meeting-when = Quando
meeting-registered = { $count ->
    [1] 1 iscritto
   *[other] { $count } iscritti
}
meeting-waiting = { $count ->
    [1] 1 in attesa
   *[other] { $count } in attesa
}
meeting-places-left = { $count ->
    [0] nessun posto libero
    [1] 1 posto libero
   *[other] { $count } posti liberi
}
meeting-attendees = { $count ->
    [1] 1 persona presente
   *[other] { $count } persone presenti
}
meeting-ics = Aggiungi al calendario (iCalendar)
meeting-registration = Iscrizione
meeting-register = Iscriviti
meeting-join-waiting = Mettiti in lista d'attesa
meeting-cancel = Annulla la mia iscrizione
meeting-you-wait = Sei in lista d'attesa: avrai un posto se qualcuno rinuncia.
meeting-your-code = Sei iscritto. Il tuo codice: { $link }
meeting-minutes = Verbale
meeting-close = Registra presenze e verbale
field-attendees = Quante persone sono venute
field-minutes = Verbale
notice-registered = Sei iscritto.
notice-waiting = L'incontro è al completo: sei in lista d'attesa.
notice-cancelled = La tua iscrizione è annullata.
meeting-kind-invalid = Scegli dove si svolge l'incontro.
meeting-method-invalid = Scegli un metodo dall'elenco.
datetime-invalid = Scrivi data e ora, per esempio 2026-12-01 18:30.
meeting-ends-before-start = La fine deve venire dopo l'inizio.
meeting-place-required = Scrivi dove si svolge l'incontro.
meeting-url-required = Scrivi il collegamento dell'incontro online.
capacity-invalid = Scrivi il numero di posti (cifre), o lascia vuoto.
attendees-invalid = Scrivi quante persone sono venute (cifre).
meeting-open-to-all = Per questo incontro non serve iscriversi.
meeting-closed = Questo incontro si è già svolto.
search-kind-meeting = Incontri

## Questionari
surveys-title = Questionari
surveys-empty = In questo processo non ci sono ancora questionari.
survey-new = Crea un questionario
survey-create = Crea il questionario
field-survey-title = Titolo
field-survey-anonymous = Risposte anonime (nessuno, nemmeno gli organizzatori, può sapere chi ha risposto che cosa)
survey-open = Aperto
survey-closed = Chiuso
survey-anonymous = Anonimo
survey-anonymous-hint = Questo questionario è anonimo: le risposte sono conservate senza il tuo nome e nessuno può ricondurle a te.
survey-responses = { $count ->
    [0] Ancora nessuna risposta
    [1] 1 risposta
   *[other] { $count } risposte
}
survey-results = Risultati
survey-answered = Hai già risposto a questo questionario. Grazie!
survey-closed-hint = Questo questionario è chiuso.
survey-required-hint = Le domande con * richiedono una risposta.
required = obbligatoria
survey-scale-hint = 1 = per niente, il numero più alto = del tutto.
survey-ranking-hint = Dai a ogni opzione una posizione diversa, 1 a quella che preferisci.
survey-submit = Invia le mie risposte
survey-manage = Gestisci il questionario
survey-csv = Scarica tutte le risposte (CSV)
survey-close = Chiudi il questionario
survey-reopen = Riapri il questionario
survey-add-question = Aggiungi una domanda
survey-add-question-submit = Aggiungi la domanda
field-question-kind = Tipo di domanda
field-question-prompt = Domanda
field-question-options = Opzioni
hint-question-options = Una per riga (per scelte, classifica e matrice).
field-question-rows = Righe della matrice
hint-question-rows = Una per riga (solo per la matrice).
field-question-required = La risposta è obbligatoria
question-kind-single = Una scelta
question-kind-multiple = Più scelte
question-kind-short = Testo breve
question-kind-long = Testo lungo
question-kind-scale5 = Scala 1–5
question-kind-scale10 = Scala 1–10
question-kind-ranking = Classifica
question-kind-matrix = Matrice
survey-answered-by = { $count ->
    [0] nessuno ha risposto
    [1] 1 persona ha risposto
   *[other] { $count } persone hanno risposto
}
survey-mean = media { $count }
survey-answer = Risposta
survey-count = Persone
survey-points = Punti (classifica)
survey-text-answers = Le risposte scritte sono condivise solo con gli organizzatori.
notice-answered-survey = Grazie: le tue risposte sono salvate.
answer-required = Questa domanda richiede una risposta.
ranking-invalid = Dai a ogni opzione una posizione diversa, a partire da 1.
answer-too-long = La risposta è troppo lunga.
options-count = Scrivi da 2 a 20 opzioni (righe della matrice: da 1 a 20), una per riga.
question-kind-invalid = Scegli un tipo di domanda dall'elenco.
survey-has-responses = Le domande non si possono cambiare dopo le prime risposte.
survey-too-many-questions = Un questionario ha al massimo 50 domande.
survey-answered-already = Hai già risposto a questo questionario.
survey-closed-error = Questo questionario è chiuso.

## Risultati
results-title = Risultati
results-intro = Che cosa sta facendo l'ente con i contributi, e a che punto è.
results-empty = Non sono ancora stati registrati risultati.
result-new = Registra un risultato
result-create = Registra il risultato
field-result-title = Titolo
field-result-proposals = Proposte da cui nasce
result-status-planned = Previsto
result-status-in-progress = In corso
result-status-completed = Completato
result-status-cancelled = Annullato
result-progress = { $count }% completato
result-from-proposals = Da dove nasce
result-no-proposals = Non è collegato ad alcuna proposta.
result-updates = Aggiornamenti
result-no-updates = Ancora nessun aggiornamento.
result-add-update = Aggiungi un aggiornamento
field-result-status = Stato
field-result-progress = Avanzamento (%)
hint-result-progress = Un numero intero da 0 a 100.
field-result-update = Che cosa è successo
proposal-became = Che cosa ne è stato
result-proposal-invalid = Scegli solo proposte di questo processo.
result-status-invalid = Scegli uno stato dall'elenco.
progress-invalid = Scrivi un numero intero da 0 a 100.
search-kind-result = Risultati
search-kind-debate = Dibattiti

## Moderazione
moderation-log-title = Registro della moderazione
moderation-log-intro = Tutto ciò che la moderazione ha nascosto o ripristinato, e perché. Chi ha segnalato e chi ha deciso non è mai mostrato.
moderation-log-empty = Nulla è stato moderato.
moderation-when = Quando
moderation-what = Che cosa
moderation-action = Decisione
moderation-why = Motivo
moderation-where = Ente
moderation-kind-proposal = Proposta
moderation-kind-comment = Commento
moderation-hidden = Nascosto
moderation-restored = Ripristinato
moderation-queue-title = Moderazione
moderation-reported = Contenuti segnalati
moderation-nothing-reported = Nessuna segnalazione.
moderation-reports = Segnalazioni
moderation-decide = Decisione
moderation-hide = Nascondi
moderation-restore = Ripristina
moderation-appeals = Ricorsi
moderation-no-appeals = Nessun ricorso.
appeal-upheld = contenuto lasciato nascosto
appeal-restored = contenuto ripristinato
moderation-hidden-notice = Questa proposta è nascosta dalla moderazione ({ $name }).
moderation-hidden-comment = Questo commento è nascosto dalla moderazione ({ $name }).
report = Segnala
report-proposal = Segnala questa proposta
field-report-reason = Motivo
field-report-details = Dettagli (facoltativi)
report-submit = Invia la segnalazione
report-reason-spam = Spam o pubblicità
report-reason-offensive = Offensivo o d'odio
report-reason-off-topic = Fuori tema
report-reason-personal-data = Dati personali di altri
report-reason-other = Altro
field-appeal = Perché dovrebbe essere mostrato di nuovo?
appeal-submit = Presenta ricorso
notice-reported = Grazie: la segnalazione è arrivata ai moderatori.
notice-appealed = Il tuo ricorso è arrivato ai moderatori.
report-reason-invalid = Scegli un motivo dall'elenco.
report-own = Non puoi segnalare ciò che hai scritto.
appeal-short = Spiega il ricorso in almeno 10 caratteri.
appeal-not-hidden = Si può fare ricorso solo su contenuti nascosti.
appeal-twice = Hai già presentato ricorso contro questa decisione.
block-self = Non puoi bloccare te stesso.
admin-block = Blocca o sblocca un account
admin-block-checkbox = Bloccato (può leggere, non può partecipare)

## Spazi: riservatezza, ruoli, co-organizzatori
process-kind-assembly = Assemblea (organo permanente)
space-private = Spazio riservato
space-private-field = Spazio riservato: visibile solo ai membri invitati
space-private-hint = Uno spazio riservato, i suoi contenuti e le sue discussioni sono visibili solo ai membri, ai ruoli e a chi lo gestisce; non compaiono mai nella ricerca né negli elenchi pubblici.
space-make-private = Rendi lo spazio riservato
space-make-public = Rendi lo spazio pubblico
space-people = Le persone di questo spazio
space-people-empty = Nessuno ha ancora un ruolo in questo spazio.
space-role-member = membro
space-role-facilitator = facilitatore
space-role-moderator = moderatore
space-role-evaluator = valutatore
space-role-revoke = Togli il ruolo
space-role-grant = Assegna un ruolo
space-role-email-hint = L'indirizzo e-mail di un account esistente.
field-space-role = Ruolo
space-role-grant-submit = Assegna il ruolo
space-role-invalid = Scegli un ruolo dall'elenco.
space-role-no-account = Nessun account ha questo indirizzo: chiedi alla persona di registrarsi prima.
space-role-held = Questa persona ha già questo ruolo.
space-coorganiser-add = Aggiungi un'organizzazione co-organizzatrice
field-organisation-slug = Nome nell'indirizzo dell'organizzazione
hint-organisation-slug = Come nel suo indirizzo, ad es. comune-di-valdora.
space-coorganiser-submit = Aggiungi come co-organizzatrice
coorganiser-owner = L'organizzazione titolare organizza già lo spazio.
coorganiser-unknown = Nessuna organizzazione ha questo nome nell'indirizzo.
coorganiser-already = Questa organizzazione co-organizza già lo spazio.

## Dibattiti
debates-title = Dibattiti
debates-intro = Domande aperte poste dai facilitatori: di' cosa ne pensi; i facilitatori chiudono ogni dibattito con una sintesi di quanto emerso.
debates-empty = Ancora nessun dibattito.
debate-state-open = aperto
debate-state-closed = chiuso
debate-new = Apri un dibattito
field-debate-question = Domanda
field-debate-body = Contesto
debate-open = Apri il dibattito
debate-opened-by = aperto da { $name }
debate-summary = Sintesi di chiusura
debate-close = Chiudi il dibattito
field-debate-summary = Sintesi di quanto emerso
hint-debate-summary = Ciò che lo spazio porta avanti da questo dibattito (almeno 15 caratteri).
debate-close-submit = Chiudi con questa sintesi
debate-closed = Questo dibattito è chiuso: non accetta altri commenti.

## Emendamenti e sostegni delle organizzazioni
amendments-title = Emendamenti
amendments-empty = Nessun emendamento proposto.
amendment-pending = in attesa dell'autore
amendment-accepted = accolto
amendment-rejected = respinto
amendment-accept = Accogli
amendment-reject = Respingi
amendment-propose = Proponi un emendamento
amendment-submit = Invia l'emendamento
amendment-own = Hai scritto tu questa proposta: modificala invece di emendarla.
amendment-decided = Su questo emendamento si è già deciso.
amendment-decision-invalid = Scegli se accogliere o respingere.
notice-amendment = Il tuo emendamento è arrivato all'autore.
proposal-endorsed-by = Sostenuta da
field-endorse-as = Sostieni a nome di
proposal-endorse = Sostieni
endorsed-already = Questa organizzazione sostiene già questa proposta.
notice-endorsed = Il sostegno compare sulla proposta.
proposal-born-in = Nata nell'incontro
meeting-born-proposals = Proposte nate in questo incontro
field-proposal-meeting = Nata in un incontro (facoltativo)
proposal-meeting-none = Nessun incontro
proposal-meeting-invalid = Scegli un incontro di questo processo.

## Seguire, notifiche, riepilogo
follow = Segui
unfollow = Smetti di seguire
nav-notifications = Notifiche
notifications-title = Notifiche
notifications-empty = Niente di nuovo. Segui uno spazio, una proposta o un dibattito per sapere cosa vi succede.
notification-new = nuova
notification-comment = Nuovo commento
notification-debate-opened = Nuovo dibattito
notification-debate-closed = Dibattito chiuso
notification-proposal-published = Nuova proposta
notification-proposal-answered = Risposta ufficiale
notification-amendment-proposed = Emendamento proposto
notification-amendment-accepted = Emendamento accolto
notification-amendment-rejected = Emendamento respinto
digest-title = Riepilogo via e-mail
digest-legend = Ogni quanto vuoi un'e-mail con ciò che ti sei perso?
digest-daily = Una volta al giorno
digest-weekly = Una volta alla settimana
digest-never = Mai
digest-submit = Salva
digest-invalid = Scegli la frequenza dall'elenco.
mail-digest-subject = { $count } novità negli spazi che segui
mail-digest-body = ecco cosa è successo negli spazi, nelle proposte e nei dibattiti che segui:

    { $items }

    Puoi cambiare la frequenza di questa e-mail nella pagina delle notifiche.

## Bilanci partecipativi
budgets-title = Bilanci partecipativi
budget-new = Aggiungi un bilancio partecipativo
field-budget-title = Titolo del bilancio
field-budget-description = A che cosa serve il bilancio
field-budget-total = Totale in euro
field-budget-max-choices = Numero massimo di progetti per scheda
hint-budget-max-choices = Lascia vuoto per non porre limiti oltre al totale.
budget-rule = Regola di conteggio
budget-rule-mes-add1 = Metodo delle quote uguali (ogni votante dispone di una parte uguale del bilancio)
budget-rule-mes = Metodo delle quote uguali senza completamento
budget-rule-greedy = Prima i più votati (greedy)
budget-create = Crea il bilancio
budget-total = Bilancio
budget-max-choices = Numero massimo di progetti per scheda
budget-voting = Voto
budget-ballots = Schede
budget-ballots-paper = { $count } cartacee
budget-results = Risultati
budget-results-provisional = Conteggio provvisorio (solo per lo staff)
budget-ballot-list = Schede pubblicate
budget-pabulib = Scarica l'elezione (file pabulib)
budget-vote-title = Il tuo voto
budget-you-voted = Hai votato: la tua ricevuta è { $receipt }. Puoi cambiare la scelta fino alla chiusura del voto.
budget-confirm-title = Controlla la tua scelta
budget-used = Usati { $used } su { $total }.
budget-confirm = Conferma il mio voto
budget-change-below = Per cambiarla, scegli di nuovo qui sotto.
budget-choose = Scegli i progetti che vuoi, fino a { $total } in tutto
budget-used-label = Bilancio usato:
budget-check = Controlla la mia scelta
budget-projects = Progetti
budget-voting-over = Il voto è chiuso.
budget-voting-not-open = Il voto non è aperto.
budget-voted = Il tuo voto è registrato. La tua ricevuta è { $receipt }: con questa troverai la tua scheda nell'elenco pubblicato.
paper-title = Schede cartacee
paper-hint = Due incaricati inseriscono ogni scheda cartacea; vale quando due letture coincidono.
field-sheet = Numero della scheda
hint-sheet = Come stampato sulla scheda, ad es. A-001.
paper-projects = Progetti segnati sulla scheda
paper-submit = Inserisci la scheda
paper-waiting = Scheda { $sheet } inserita: un secondo incaricato deve inserirla anche lui.
paper-counted-now = La scheda { $sheet } vale: due letture coincidono (ricevuta { $receipt }).
paper-mismatch = La scheda { $sheet } non coincide con l'altra lettura: varrà solo quando un'ulteriore lettura coinciderà con una delle due.
budget-project-add = Aggiungi un progetto
field-project-title = Titolo del progetto
field-project-description = Descrizione
field-project-cost = Costo in euro
field-district = Quartiere (facoltativo)
budget-project-submit = Aggiungi il progetto
budget-provisional-notice = Il voto è ancora aperto: questo conteggio è provvisorio e lo vede solo lo staff dello spazio.
budget-results-intro = { $count } schede, contate con:
budget-voter-share = Ogni votante disponeva di { $share } del bilancio.
budget-funded = Progetti finanziati, nell'ordine di scelta
budget-supporters = { $count } sostenitori
budget-spent = Spesi { $spent } su { $total }.
budget-rounds = Come ha scelto la regola
budget-rounds-intro = A ogni giro si finanzia il progetto che i suoi sostenitori possono pagare al prezzo più basso per euro di beneficio; ogni sostenitore paga la sua parte, finché la sua quota basta. Chi ha pagato lo stesso e conserva lo stesso è contato insieme, in una riga.
budget-round-rho = prezzo per euro di beneficio { $rho }
budget-round-caption = Pagamenti per { $project }
budget-round-voters = Votanti
budget-round-paid = Pagato ciascuno
budget-round-left = Rimasto a ciascuno
budget-completed = Aggiunti quando le quote sono state integrate:
budget-not-funded = Non finanziati, e perché
budget-not-chosen-no-support = nessuno l'ha votato
budget-not-chosen-did-not-fit = quando è venuto il suo turno restava meno del suo costo
budget-not-chosen-supporters-ran-out = le quote rimaste ai suoi sostenitori non bastavano a pagarlo
budget-not-chosen-below-threshold = i suoi sostenitori non hanno raggiunto la soglia
budget-not-chosen-pool-full = il budget della sua categoria o del suo quartiere non bastava più
budget-not-chosen-rule-stopped = la regola si è fermata prima del suo turno
budget-side-by-side = A confronto con «prima i più votati»
budget-side-by-side-intro = Che cosa avrebbe finanziato il conteggio classico con le stesse schede; le righe che differiscono sono evidenziate.
budget-project = Progetto
budget-cost = Costo
budget-funded-yes = finanziato
budget-funded-no = —
budget-total-spent = Totale speso
budget-recount = Chiunque può ricontare: scarica il file ed esegui { $command }
budget-ballot-list-intro = Tutte le schede, senza chi le ha espresse. Trova la tua con la ricevuta che hai avuto al voto.
field-receipt = Ricevuta
budget-find-ballot = Trova
budget-receipt-unknown = Nessuna scheda ha questa ricevuta.
budget-ballots-caption = { $count } schede
budget-channel = Come
budget-channel-online = online
budget-channel-paper = su carta
budget-amount-invalid = Scrivi un importo intero in euro, maggiore di zero.
budget-max-choices-invalid = Scrivi un numero da 0 a 100.
budget-rule-invalid = Scegli una regola dall'elenco.
budget-project-over-total = Un progetto non può costare più dell'intero bilancio.
budget-has-ballots = Non si possono aggiungere progetti dopo che sono state espresse schede.
voting-closed = Il voto non è aperto.
budget-results-not-yet = I risultati si pubblicano alla chiusura del voto.
paper-sheet-invalid = Scrivi il numero della scheda con lettere, cifre e trattini (al massimo 20).
paper-counted = Questa scheda vale già.
paper-entered-twice = Hai già inserito questa scheda: deve inserirla un altro incaricato.
ballot-too-few = Scegli almeno un progetto.
ballot-too-many = Hai scelto più progetti di quanti ne permetta la scheda.
ballot-over-cost = I progetti scelti costano più del bilancio.
ballot-unknown-project = Uno dei progetti non fa parte di questo bilancio.
ballot-duplicate-project = Un progetto è stato scelto due volte.
ballot-withdrawn-project = Uno dei progetti è stato ritirato.
budget-differs = diverso
budget-follow-result = A che punto è
budget-track = Avvia il monitoraggio
budget-project-not-funded = Si monitorano solo i progetti finanziati.
budget-project-tracked = Questo progetto è già monitorato.

## Mappe delle opinioni
opinion-maps = Mappe delle opinioni
opinion-map = Mappa delle opinioni
opinion-new = Aggiungi una mappa delle opinioni
field-map-title = Titolo della mappa
field-map-question = La domanda
field-map-moderation = Affermazioni dei partecipanti
opinion-moderation-strict = attendono un moderatore prima di essere mostrate (rigorosa)
opinion-moderation-lenient = sono mostrate subito e possono essere tolte dopo (permissiva)
opinion-create = Crea la mappa
opinion-moderation-invalid = Scegli rigorosa o permissiva.
opinion-closed-badge = chiusa
opinion-go-vote = Vota le affermazioni
opinion-report = Rapporto
opinion-summary = { $participants } partecipanti, { $votes } voti.
opinion-computed-at = calcolata il { $date }
opinion-map-picture = Mappa delle opinioni: i cerchi sono gruppi di partecipanti che hanno votato in modo simile, colorati e contrassegnati con la lettera del gruppo di opinione; l'anello indica te.
opinion-map-caption = Ogni cerchio riunisce partecipanti che hanno votato in modo simile; la grandezza dice quanti. Colori e lettere sono i gruppi di opinione descritti qui sotto.
opinion-your-group = Sei nel gruppo { $group }.
opinion-you = tu
opinion-groups = Gruppi di opinione
opinion-group = Gruppo { $group }
opinion-members = { $count } partecipanti
opinion-group-thinks = Che cosa distingue questo gruppo:
opinion-direction-agree = { $percent } % d'accordo
opinion-direction-disagree = { $percent } % in disaccordo
opinion-too-few = Non ci sono ancora abbastanza voti per disegnare i gruppi.
opinion-consensus = Che cosa unisce tutti
opinion-consensus-none = Ancora nessuna affermazione unisce tutti.
opinion-consensus-agree = Condivise da tutti i gruppi
opinion-consensus-disagree = Respinte da tutti i gruppi
opinion-bridging = Affermazioni che fanno da ponte
opinion-bridging-intro = Condivise da persone che per il resto la pensano diversamente (il punteggio «ponte» usato da Community Notes).
opinion-not-computed = La mappa non è ancora stata calcolata: lo sarà pochi secondi dopo i primi voti.
opinion-statements = Affermazioni
opinion-you-voted-1 = sei d'accordo
opinion-you-voted--1 = sei in disaccordo
opinion-you-voted-0 = hai passato
opinion-pending = Affermazioni in attesa di moderazione
opinion-accept = Accetta
opinion-reject = Togli
opinion-close = Chiudi la mappa
opinion-vote-title = Vota
opinion-progress = Hai votato { $done } affermazioni su { $total }.
opinion-closed = Questa mappa è chiusa.
opinion-agree = D'accordo
opinion-disagree = In disaccordo
opinion-pass = Passo / non so
opinion-all-voted = Hai votato tutte le affermazioni.
opinion-see-map = Guarda la mappa
opinion-submit-title = Aggiungi un'affermazione
opinion-submit-strict = Un moderatore la legge prima che sia mostrata agli altri.
opinion-submit-lenient = È mostrata subito agli altri.
field-statement = La tua affermazione
hint-statement = Un'idea, in una frase con cui gli altri possano essere d'accordo o no (da 10 a 280 caratteri).
opinion-submit = Invia l'affermazione
notice-statement-pending = Grazie: la tua affermazione attende un moderatore.
notice-statement-added = Grazie: la tua affermazione è sulla mappa.
opinion-report-caption = Tutte le affermazioni con i loro voti, in totale e per gruppo
opinion-statement = Affermazione
opinion-votes = Voti
opinion-group-agree = Gruppo { $group } d'accordo
opinion-vote-invalid = Scegli d'accordo, in disaccordo o passo.
statement-duplicate = Questa affermazione è già sulla mappa.
statement-moderated-out = Questa affermazione è stata tolta da un moderatore.
statement-decided = Su questa affermazione si è già deciso.

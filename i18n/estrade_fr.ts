<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>Banner</name>
    <message>
        <source>%1 has the floor</source>
        <translation>%1 a la parole</translation>
    </message>
</context>
<context>
    <name>Card</name>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Show of hands</source>
        <translation>Vote à main levée</translation>
    </message>
</context>
<context>
    <name>ControlBar</name>
    <message>
        <source>Speaker</source>
        <translation>Intervenant</translation>
    </message>
    <message>
        <source>Slides</source>
        <translation>Diapositives</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Slides + speaker</source>
        <translation>Diapositives + intervenant</translation>
    </message>
    <message>
        <source>Follow the host</source>
        <translation>Suivre l&apos;hôte</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
</context>
<context>
    <name>FloorPanel</name>
    <message>
        <source>Take the floor back (T)</source>
        <translation>Reprendre la parole (T)</translation>
    </message>
</context>
<context>
    <name>FloorSign</name>
    <message>
        <source>You have the floor — speak now</source>
        <translation>Vous avez la parole — parlez maintenant</translation>
    </message>
    <message>
        <source>Microphone live: every room hears you</source>
        <translation>Micro ouvert : toutes les salles vous entendent</translation>
    </message>
    <message>
        <source>Hand the floor back (H)</source>
        <translation>Rendre la parole (H)</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <source>speaker</source>
        <translation>intervenant</translation>
    </message>
    <message>
        <source>slides</source>
        <translation>diapositives</translation>
    </message>
    <message>
        <source>side by side</source>
        <translation>côte à côte</translation>
    </message>
    <message>
        <source>slides with the speaker inset</source>
        <translation>diapositives avec l&apos;intervenant en incrustation</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Estrade — moderator — %1</source>
        <translation>Estrade — modération — %1</translation>
    </message>
    <message>
        <source>questions</source>
        <translation>questions</translation>
    </message>
    <message>
        <source>question channel not answering</source>
        <translation>le canal des questions ne répond pas</translation>
    </message>
    <message>
        <source>producer: %1</source>
        <translation>régie : %1</translation>
    </message>
    <message>
        <source>relay: %1</source>
        <translation>relais : %1</translation>
    </message>
    <message>
        <source>Write join files</source>
        <translation>Écrire les fichiers d&apos;accès</translation>
    </message>
    <message>
        <source>Web links</source>
        <translation>Liens web</translation>
    </message>
    <message>
        <source>Export the follow-up report</source>
        <translation>Exporter le compte rendu</translation>
    </message>
</context>
<context>
    <name>PickedQuestion</name>
    <message>
        <source>“%1”</source>
        <translation>« %1 »</translation>
    </message>
</context>
<context>
    <name>PollPanel</name>
    <message>
        <source>Show of hands</source>
        <translation>Vote à main levée</translation>
    </message>
    <message>
        <source>Question, e.g. Who here is already in training?</source>
        <translation>Question, par ex. Qui est déjà en formation ?</translation>
    </message>
    <message>
        <source>Answers, separated by / (empty: hands up)</source>
        <translation>Réponses, séparées par / (vide : mains levées)</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>Ask every room</source>
        <translation>Demander à toutes les salles</translation>
    </message>
    <message>
        <source>%1 of %2 rooms have answered</source>
        <translation>%1 salles sur %2 ont répondu</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Compter</translation>
    </message>
    <message>
        <source>Close now</source>
        <translation>Clore maintenant</translation>
    </message>
    <message>
        <source>Move on</source>
        <translation>Passer à la suite</translation>
    </message>
</context>
<context>
    <name>Programme</name>
    <message>
        <source>waiting for the host&apos;s programme</source>
        <translation>en attente du programme de l&apos;hôte</translation>
    </message>
    <message>
        <source>starting soon</source>
        <translation>début imminent</translation>
    </message>
    <message>
        <source>Talk %1 of %2 — %3</source>
        <translation>Intervention %1 sur %2 — %3</translation>
    </message>
    <message>
        <source>Questions — talk %1 of %2</source>
        <translation>Questions — intervention %1 sur %2</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>next: talk %1 of %2</source>
        <translation>ensuite : intervention %1 sur %2</translation>
    </message>
    <message>
        <source>back soon</source>
        <translation>reprise dans un instant</translation>
    </message>
    <message>
        <source>the event has ended — thank you for joining</source>
        <translation>l&apos;événement est terminé — merci de votre participation</translation>
    </message>
</context>
<context>
    <name>ProgrammePanel</name>
    <message>
        <source>Now: %1</source>
        <translation>En cours : %1</translation>
    </message>
    <message>
        <source>Next (N): %1</source>
        <translation>Suivant (N) : %1</translation>
    </message>
    <message>
        <source>The programme is over</source>
        <translation>Le programme est terminé</translation>
    </message>
    <message>
        <source>Back (Shift+N)</source>
        <translation>Retour (Maj+N)</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
</context>
<context>
    <name>ProgrammeStep</name>
    <message>
        <source>Opening</source>
        <translation>Ouverture</translation>
    </message>
    <message>
        <source>Talk %1</source>
        <translation>Intervention %1</translation>
    </message>
    <message>
        <source>Questions after talk %1</source>
        <translation>Questions après l&apos;intervention %1</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
</context>
<context>
    <name>Question</name>
    <message>
        <source>Asks to speak</source>
        <translation>Demande la parole</translation>
    </message>
    <message>
        <source>Asks to speak: %1</source>
        <translation>Demande la parole : %1</translation>
    </message>
</context>
<context>
    <name>QuestionPanel</name>
    <message>
        <source>Questions from %1</source>
        <translation>Questions de %1</translation>
    </message>
    <message>
        <source>Type your question</source>
        <translation>Écrivez votre question</translation>
    </message>
    <message>
        <source>Your name (optional)</source>
        <translation>Votre nom (facultatif)</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Envoyer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Ask to speak</source>
        <translation>Demander la parole</translation>
    </message>
    <message>
        <source>The moderator gives the floor to one room at a time.</source>
        <translation>La modération donne la parole à une salle à la fois.</translation>
    </message>
    <message numerus="yes">
        <source>%n vote(s)</source>
        <translation><numerusform>%n voix</numerusform><numerusform>%n voix</numerusform></translation>
    </message>
    <message>
        <source>+1 for this room</source>
        <translation>+1 pour cette salle</translation>
    </message>
    <message>
        <source>voted</source>
        <translation>voté</translation>
    </message>
    <message>
        <source>this room</source>
        <translation>cette salle</translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation>Non accepté : %1</translation>
    </message>
</context>
<context>
    <name>QuestionState</name>
    <message>
        <source>awaiting the moderator&apos;s approval</source>
        <translation>en attente de validation par la modération</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>on screen</source>
        <translation>à l&apos;écran</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>répondue</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>écartée</translation>
    </message>
    <message>
        <source>dismissed: %1</source>
        <translation>écartée : %1</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirée</translation>
    </message>
    <message>
        <source>merged with a similar question</source>
        <translation>regroupée avec une question semblable</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>pas encore envoyée</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>awaiting approval</source>
        <translation>à valider</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>on screen</source>
        <translation>à l&apos;écran</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>répondue</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>écartée</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirée</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>regroupée</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>Toutes les salles</translation>
    </message>
    <message>
        <source>All talks</source>
        <translation>Toutes les interventions</translation>
    </message>
    <message>
        <source>Talk %1</source>
        <translation>Intervention %1</translation>
    </message>
    <message>
        <source>Open (W)</source>
        <translation>Ouvertes (W)</translation>
    </message>
    <message>
        <source>Closed (W)</source>
        <translation>Fermées (W)</translation>
    </message>
    <message>
        <source>talk %1</source>
        <translation>intervention %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>corrigée</translation>
    </message>
    <message>
        <source>Give the floor (F)</source>
        <translation>Donner la parole (F)</translation>
    </message>
    <message>
        <source>Approve (V)</source>
        <translation>Valider (V)</translation>
    </message>
    <message>
        <source>On screen (P)</source>
        <translation>À l&apos;écran (P)</translation>
    </message>
    <message>
        <source>Answered (A)</source>
        <translation>Répondue (A)</translation>
    </message>
    <message>
        <source>Dismiss… (D)</source>
        <translation>Écarter… (D)</translation>
    </message>
    <message>
        <source>Merge into… (M)</source>
        <translation>Regrouper avec… (M)</translation>
    </message>
    <message>
        <source>Edit… (E)</source>
        <translation>Corriger… (E)</translation>
    </message>
    <message>
        <source>Dismiss this question</source>
        <translation>Écarter cette question</translation>
    </message>
    <message>
        <source>The room is told, with the reason if you give one.</source>
        <translation>La salle en est informée, avec la raison si vous en donnez une.</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Raison (facultative)</translation>
    </message>
    <message>
        <source>Merge: this question repeats another</source>
        <translation>Regrouper : cette question en répète une autre</translation>
    </message>
    <message>
        <source>Its room&apos;s voice goes to the question that carries on:</source>
        <translation>La voix de sa salle va à la question qui reste :</translation>
    </message>
    <message>
        <source>Correct the question&apos;s text</source>
        <translation>Corriger le texte de la question</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
</context>
<context>
    <name>ShowOfHandsCard</name>
    <message>
        <source>Show of hands</source>
        <translation>Vote à main levée</translation>
    </message>
    <message>
        <source>Show of hands — results</source>
        <translation>Vote à main levée — résultats</translation>
    </message>
    <message>
        <source>Counted: %1 — you may count again until it closes</source>
        <translation>Compté : %1 — vous pouvez recompter jusqu&apos;à la clôture</translation>
    </message>
    <message>
        <source>Type how many hands went up for each answer, then Enter</source>
        <translation>Tapez le nombre de mains levées pour chaque réponse, puis Entrée</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Per room (%1 answered)</source>
        <translation>Par salle (%1 ont répondu)</translation>
    </message>
</context>
<context>
    <name>SiteBoard</name>
    <message>
        <source>(host)</source>
        <translation>(hôte)</translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s)</source>
        <translation><numerusform>%n place</numerusform><numerusform>%n places</numerusform></translation>
    </message>
    <message>
        <source>has the floor</source>
        <translation>a la parole</translation>
    </message>
    <message>
        <source>Give the floor</source>
        <translation>Donner la parole</translation>
    </message>
    <message>
        <source>questions</source>
        <translation>questions</translation>
    </message>
    <message>
        <source>asked %1, heard %2, waiting %3</source>
        <translation>posées %1, traitées %2, en attente %3</translation>
    </message>
    <message>
        <source>relay statistics unavailable</source>
        <translation>statistiques du relais indisponibles</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>non connectée</translation>
    </message>
    <message>
        <source> · %1 ms · %2 % loss, all recovered</source>
        <translation> · %1 ms · %2 % de pertes, toutes récupérées</translation>
    </message>
    <message>
        <source> · %1 ms · %2 % loss, %3 packets missed</source>
        <translation> · %1 ms · %2 % de pertes, %3 paquets manqués</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Salles</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>Slides</source>
        <translation>Diapositives</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Intervenant</translation>
    </message>
</context>
<context>
    <name>StreamArea</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>StreamStatus</name>
    <message>
        <source>relay unreachable</source>
        <translation>relais injoignable</translation>
    </message>
    <message>
        <source>wrong passphrase — check the event file</source>
        <translation>mauvaise phrase secrète — vérifiez le fichier de l&apos;événement</translation>
    </message>
    <message>
        <source>the relay refused this room — check the event file</source>
        <translation>le relais a refusé cette salle — vérifiez le fichier de l&apos;événement</translation>
    </message>
    <message>
        <source>connection to the relay lost</source>
        <translation>connexion au relais perdue</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connexion…</translation>
    </message>
    <message>
        <source>waiting for the host to start</source>
        <translation>en attente du début de la diffusion</translation>
    </message>
    <message>
        <source>the host&apos;s stream stopped — waiting for it to come back</source>
        <translation>la diffusion de l&apos;hôte s&apos;est arrêtée — en attente de son retour</translation>
    </message>
    <message>
        <source> — reconnecting in %1 s</source>
        <translation> — nouvelle tentative dans %1 s</translation>
    </message>
</context>
<context>
    <name>TwoDisplays</name>
    <message>
        <source>speaker</source>
        <translation>intervenant</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Intervenant</translation>
    </message>
    <message>
        <source>slides</source>
        <translation>diapositives</translation>
    </message>
    <message>
        <source>Slides</source>
        <translation>Diapositives</translation>
    </message>
</context>
<context>
    <name>estrade::moderator::Desk</name>
    <message>
        <source>the producer does not answer (%1)</source>
        <translation>la régie ne répond pas (%1)</translation>
    </message>
    <message>
        <source>slide %1 of %2, talk %3</source>
        <translation>diapositive %1 sur %2, intervention %3</translation>
    </message>
    <message>
        <source>title card of talk %1</source>
        <translation>carton de titre de l&apos;intervention %1</translation>
    </message>
    <message>
        <source>questions of talk %1</source>
        <translation>questions de l&apos;intervention %1</translation>
    </message>
    <message>
        <source>opening card</source>
        <translation>carton d&apos;ouverture</translation>
    </message>
    <message>
        <source>showing %1</source>
        <translation>à l&apos;antenne : %1</translation>
    </message>
    <message>
        <source>relay statistics unavailable (%1)</source>
        <translation>statistiques du relais indisponibles (%1)</translation>
    </message>
    <message numerus="yes">
        <source>live, %n room(s)</source>
        <translation><numerusform>en direct, %n salle</numerusform><numerusform>en direct, %n salles</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>not published, %n room(s)</source>
        <translation><numerusform>non publié, %n salle</numerusform><numerusform>non publié, %n salles</numerusform></translation>
    </message>
    <message>
        <source>relay running, nothing published yet</source>
        <translation>relais en marche, rien de publié pour l&apos;instant</translation>
    </message>
    <message>
        <source>(the question channel has not answered yet)</source>
        <translation>(le canal des questions n&apos;a pas encore répondu)</translation>
    </message>
    <message>
        <source>Nobody has the floor</source>
        <translation>Personne n&apos;a la parole</translation>
    </message>
    <message>
        <source>%1 has the floor since %2</source>
        <translation>%1 a la parole depuis %2</translation>
    </message>
    <message>
        <source> — %1; the programme goes on</source>
        <translation> — %1 ; le programme continue</translation>
    </message>
    <message>
        <source> — the producer is not playing it yet</source>
        <translation> — la régie ne la diffuse pas encore</translation>
    </message>
    <message>
        <source>%1 join files written to %2: send each room its own</source>
        <translation>%1 fichiers d&apos;accès écrits dans %2 : envoyez à chaque salle le sien</translation>
    </message>
    <message>
        <source> — but %1</source>
        <translation> — mais %1</translation>
    </message>
    <message>
        <source>join files not written: %1</source>
        <translation>fichiers d&apos;accès non écrits : %1</translation>
    </message>
    <message>
        <source>%1 browser links written to %2: send each site its own</source>
        <translation>%1 liens navigateur écrits dans %2 : envoyez à chaque site le sien</translation>
    </message>
    <message>
        <source>browser links not written: %1</source>
        <translation>liens navigateur non écrits : %1</translation>
    </message>
    <message>
        <source>no report yet: the question channel has not answered</source>
        <translation>pas encore de compte rendu : le canal des questions n&apos;a pas répondu</translation>
    </message>
    <message>
        <source>follow-up report written: %1</source>
        <translation>compte rendu écrit : %1</translation>
    </message>
    <message>
        <source>report not written: %1</source>
        <translation>compte rendu non écrit : %1</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>publishing</source>
        <translation>diffusé</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>nouvelle tentative</translation>
    </message>
</context>
<context>
    <name>estrade::moderator::PollControl</name>
    <message>
        <source>Hands up</source>
        <translation>Mains levées</translation>
    </message>
</context>
<context>
    <name>estrade::viewer::Room</name>
    <message>
        <source>questions are not available: %1</source>
        <translation>les questions ne sont pas disponibles : %1</translation>
    </message>
    <message>
        <source>This room cannot ask aloud: %1. Type your question instead.</source>
        <translation>Cette salle ne peut pas demander la parole : %1. Écrivez plutôt votre question.</translation>
    </message>
    <message>
        <source>your voice is not reaching the host yet: %1</source>
        <translation>votre voix n&apos;arrive pas encore à l&apos;hôte : %1</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connexion…</translation>
    </message>
    <message>
        <source>the microphone gives no sound: check that it is plugged in</source>
        <translation>le micro ne donne aucun son : vérifiez qu&apos;il est branché</translation>
    </message>
    <message>
        <source>connecting to the question channel…</source>
        <translation>connexion au canal des questions…</translation>
    </message>
    <message>
        <source>questions open</source>
        <translation>questions ouvertes</translation>
    </message>
    <message>
        <source>questions closed for now</source>
        <translation>questions fermées pour le moment</translation>
    </message>
    <message>
        <source>no sound device: the speaker is not heard — check the PC&apos;s speakers or sound cable, then restart the viewer</source>
        <translation>pas de sortie son : on n&apos;entend pas l&apos;intervenant — vérifiez les haut-parleurs ou le câble son du PC, puis relancez l&apos;écran</translation>
    </message>
    <message>
        <source>no sound from the host — the pictures go on; the host&apos;s microphone may be off</source>
        <translation>pas de son de l&apos;hôte — l&apos;image continue, le micro de l&apos;hôte est peut-être coupé</translation>
    </message>
</context>
<context>
    <name>estrade::viewer::ShowOfHands</name>
    <message>
        <source>Not counted: %1</source>
        <translation>Non compté : %1</translation>
    </message>
    <message>
        <source>Type a number of hands for each answer (digits only).</source>
        <translation>Tapez un nombre de mains pour chaque réponse (chiffres seulement).</translation>
    </message>
    <message>
        <source>%1 hands is more than the %2 seats of this room: count again.</source>
        <translation>%1 mains, c&apos;est plus que les %2 places de cette salle : recomptez.</translation>
    </message>
</context>
</TS>

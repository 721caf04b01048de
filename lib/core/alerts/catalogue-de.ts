import type { Catalogue } from './catalogue-types';

/** Die Auftragsarten von AWS Backup. */
const JOB_TYPES = { backup: 'Sicherung', copy: 'Kopie', restore: 'Wiederherstellung' } as const;

/** Deutsche Texte der Alarme und Runbooks. */
export const CATALOGUE_DE: Catalogue = {
  costEstimate: {
    parts: {
      costExplorer: 'Cost-Explorer-Anfragen',
      customMetrics: 'Eigene Metriken',
      alarms: 'Alarme',
      compute: 'Lambda, Scheduler, Logs, Zustandsparameter',
      dashboard: 'Kosten-Dashboard',
      budgets: 'AWS Budgets, Cost Anomaly Detection',
    },
    costExplorer: (perDay, runs, queries, forecasts, digestsAtMost) =>
      `${perDay} am Tag (${runs} ${runs === 1 ? 'Lauf' : 'Läufe'} x ${queries} ${queries === 1 ? 'Abfrage' : 'Abfragen'}, ${forecasts} ${forecasts === 1 ? 'Prognose' : 'Prognosen'} einmal täglich)` +
      (digestsAtMost > 0 ? ` + höchstens ${digestsAtMost} im Monat für Übersichten` : ''),
    customMetrics: (metrics, hoursPerDay) =>
      `${metrics} Metriken, jede für die ${hoursPerDay} ${hoursPerDay === 1 ? 'Stunde' : 'Stunden'} am Tag berechnet, in denen sie Daten erhält`,
    alarms: (thresholds) =>
      `${thresholds} ${thresholds === 1 ? 'Budget-Alarm' : 'Budget-Alarme'}, 2 Sammler-Alarme, 1 Anomalie-Alarm (berechnet wie 3)`,
    compute: (runsPerMonth) => `${runsPerMonth} Läufe im Monat`,
    dashboard: (dashboards, free) => `${dashboards} Dashboards im Abrechnungskonto, ${free} sind kostenlos`,
    budgets: (budgets, anomaly) =>
      `${budgets} ${budgets === 1 ? 'Budget' : 'Budgets'} ohne Aktionen${anomaly ? ', 1 Anomalie-Abonnement' : ''}`,
  },
  alarms: {
    topicUndelivered: (topic, queue) => `Alarme von ${topic} konnten nicht zugestellt werden; sie stehen in der Warteschlange ${queue}.`,
    readQueue: (description, queue) => `${description}; sie stehen in der Warteschlange ${queue}.`,
    undeliveredFindings: (region) => `Sicherheitsbefunde aus ${region} konnten nicht an den Alarmdienst übergeben werden`,
    undeliveredTriage: (region) =>
      `Hinweise auf von Hand bearbeitete Befunde konnten nicht an den Alarmdienst übergeben werden (${region})`,
    undeliveredRegionalAlarms: 'Alarme anderer Regionen konnten nicht an den Alarmdienst übergeben werden',
    unforwarded: (region, home) => `Ereignisse aus ${region} konnten nicht an die Heimatregion ${home} weitergeleitet werden`,
    unloggedFindings:
      'Sicherheitsbefunde konnten nicht in die Befund-Log-Gruppe geschrieben werden: den Befundzahlen der Dashboards fehlen sie',
    undeliveredBackupJobs: (region) => `AWS-Backup-Auftragsalarme aus ${region} konnten nicht an den Alarmdienst übergeben werden`,
    undeliveredRestoreTests: (region) =>
      `Fehlgeschlagene Wiederherstellungstests aus ${region} konnten nicht an den Alarmdienst übergeben werden`,
    runFailed: (service, impact, logGroup, queue) =>
      `Ein Lauf von ${service} ist fehlgeschlagen: ${impact}. Die Log-Gruppe ${logGroup} lesen; das fehlgeschlagene Ereignis steht in ${queue}.`,
    runNotStarted: (service, queue) =>
      `Ein Lauf von ${service} ist fehlgeschlagen oder konnte nicht starten; das Ereignis und sein Fehler warten 14 Tage in ${queue}.`,
    impacts: {
      costCollector:
        'Drosselung durch Cost Explorer nicht überwunden, Anfragegrenze erreicht, Metriken verloren oder ein anderer Fehler; FinOps-Metriken und die Budget-Übersicht sind veraltet, bis ein Lauf gelingt',
      wasteFinder:
        'Drosselung durch CloudWatch nicht überwunden, GetMetricData-Anfragegrenze erreicht, Metriken nicht veröffentlicht oder ein anderer Fehler; Zahlen ungenutzter Ressourcen und geschätzte Verschwendung sind veraltet, bis eine Suche gelingt',
      monthlyReport:
        'Cost-Explorer-Anfragegrenze erreicht, ein Lesezugriff auf AWS abgewiesen oder gedrosselt, oder der Bericht konnte nicht abgelegt oder angekündigt werden; der Monatsbericht fehlt, bis er erneut läuft (die Funktion mit {"month": "JJJJ-MM"} aufrufen)',
      notifier: 'ein Alarm wurde nicht gesendet; das Ereignis wartet in der Dead-Letter-Queue',
    },
    failedBackupJobs: (vault) =>
      `Sicherungs- oder Kopieraufträge des AWS-Backup-Tresors ${vault} sind in der letzten Stunde fehlgeschlagen; die Auftragsalarme auf dem Betriebs-Topic sagen welche und warum (Runbook: Betriebs-Dashboard).`,
    breakGlassUsed: (role) =>
      `Die Notfallrolle für Sicherungen ${role} wurde übernommen (oder ein Versuch abgewiesen) oder benutzt: das ist ein Sicherheitsvorfall. In CloudTrail finden, wer sie übernommen hat (AssumeRole, userIdentity und sourceIPAddress) und welche Wiederherstellungspunkte sie gelöscht oder geändert hat (DeleteRecoveryPoint, UpdateRecoveryPointLifecycle, DeleteBackupVaultAccessPolicy); kann das niemand erklären, die Zugangsdaten des vertrauten Kontos als kompromittiert behandeln.`,
  },
  nativeKinds: {
    'cis-alarm': {
      name: 'CIS-Überwachungsalarm',
      firstSteps: [
        'Die Alarmbeschreibung lesen: sie nennt die CIS-Kontrolle und was zu prüfen ist.',
        'Den CloudTrail-Ereignisverlauf der letzten Stunde öffnen und das passende Ereignis finden (Aufrufer, Quell-IP, was geändert wurde).',
        'Erklärt keine Bereitstellung und kein Teammitglied das Ereignis, als Sicherheitsvorfall behandeln.',
      ],
      runbook: {
        meaning:
          'Die Alarme aus Abschnitt 4 des CIS AWS Foundations Benchmark beobachten den Audit-Trail auf sicherheitsrelevante Änderungen: Root-Nutzung, Anmeldung ohne MFA, Änderungen an Richtlinien, Trail, Config, Schlüsseln, Netzwerk und Organisation. Die meisten sind bei Bereitstellungen normal; jede braucht eine Person, die das bestätigt.',
        check: [
          'CloudTrail, Event history, gefiltert nach den Ereignisnamen der Kontrolle (docs/cis-mapping.md nennt sie).',
          'Mit dem Bereitstellungsprotokoll der Landing Zone und der Anwendungen vergleichen.',
        ],
        contain: [
          'Unerklärte Änderungen durch erneutes Bereitstellen der Landing Zone zurücknehmen; die Zugangsdaten erneuern, die sie vorgenommen haben.',
        ],
        close: [
          'Der Alarm kehrt nach 5 Minuten ohne passende Ereignisse von selbst zu OK zurück; die Erklärung im Betriebsprotokoll festhalten.',
        ],
      },
    },
    'platform-alarm': {
      name: 'Plattform-Gesundheitsalarm',
      firstSteps: [
        'Die Alarmbeschreibung lesen: sie nennt die Funktion, Warteschlange oder das Topic und wo die fehlgeschlagenen Ereignisse warten.',
        'Die genannte Log-Gruppe oder Dead-Letter-Queue öffnen und den Fehler lesen.',
        'Die Ursache beheben; danach die wartenden Nachrichten erneut senden oder löschen, damit der Alarm zu OK zurückkehrt.',
      ],
      runbook: {
        meaning:
          'Die Plattform überwacht sich selbst: Alarme, die nicht zugestellt werden konnten, fehlgeschlagene Läufe von Sammler, Verschwendungssuche und Alarmdienst, Ereignisse, die nicht weitergeleitet oder protokolliert werden konnten. Solange ein solcher Alarm rot ist, können Alarme oder Zahlen fehlen.',
        check: [
          'Die Log-Gruppe des Alarms (Fehler mit Ursache) oder die Dead-Letter-Queue (die nicht zugestellten Ereignisse).',
          'Das Betriebs-Dashboard: Fehler, Laufzeit und Drosselungen der Sammler.',
        ],
        contain: ['Die wartenden Ereignisse von Hand bearbeiten (es sind Alarme oder Befunde, die nie gesendet wurden).'],
        close: [
          'Die Dead-Letter-Queue nach der Bearbeitung leeren; der Alarm kehrt zu OK zurück, wenn sie leer ist und die Läufe wieder gelingen.',
        ],
      },
    },
    'budget-alert': {
      name: 'Budget- oder Kostenanomalie-Warnung',
      firstSteps: [
        'Das Kosten-Dashboard öffnen: welches Budget, welcher Dienst, seit wann.',
        'Den Verantwortlichen der Ressource fragen, ob der Anstieg erwartet ist (ein Start, eine Migration) oder ein Versehen (etwas läuft noch).',
        'Was nicht gebraucht wird stoppen oder verkleinern, oder das Budget in der Kundendatei anpassen, wenn der Anstieg geplant ist.',
      ],
      runbook: {
        meaning:
          'AWS Budgets, die Budget-Alarme des Sammlers und Cost Anomaly Detection melden Ausgaben über einer Budgetschwelle, eine Prognose über dem Limit oder einen Tag außerhalb des üblichen Bereichs. Jede Warnstufe kommt einmal im Monat.',
        check: [
          'Kosten-Dashboard: die Anzeigen, die gestapelten Tageskosten nach Dienst und das Band-Diagramm.',
          'Cost Explorer, gruppiert nach Dienst und Nutzungsart, für die betroffenen Tage.',
        ],
        contain: ['Ungenutzte oder vergessene Ressourcen stoppen (die Verschwendungssuche nennt Kandidaten auf dem Betriebs-Dashboard).'],
        close: ['Die Entscheidung (stoppen, verkleinern, fest buchen, Budget erhöhen) für die monatliche Kostenbesprechung festhalten.'],
      },
    },
  },
  dashboards: {
    backupJobs: (vault) => `Sicherungsaufträge pro Tag (Tresor ${vault})`,
    backupCompleted: 'Abgeschlossen',
    backupFailed: 'Fehlgeschlagen',
    copiesFailed: 'Kopien fehlgeschlagen',
    backupAlarm: 'Backup-Alarm',
    findingsBySeverity: 'GuardDuty- und Security-Hub-Befunde nach Schweregrad, pro Tag',
    cisAlarms: 'CIS-AWS-Foundations-Überwachungsalarme',
    platformAlarms: 'Plattform-Alarme',
    collectorErrors: 'Fehler und Drosselungen der Sammler (pro Stunde)',
    errorsOf: (name) => `${name}: Fehler`,
    throttlesOf: (name) => `${name}: Drosselungen`,
    collectorDuration: 'Laufzeit der Sammler (Maximum pro Stunde, ms)',
    trailDelivered: 'Zugestellte CloudTrail-Ereignisse (pro Stunde)',
    trailEvents: 'Trail-Ereignisse',
    idleResources: 'Ungenutzte Ressourcen nach Typ (Verschwendungssuche)',
    estimatedWaste: 'Geschätzte monatliche Verschwendung nach Typ (USD)',
    pendingSubscriptions: 'Nicht bestätigte Alarm-Abonnements (muss 0 sein)',
    pendingOf: (topic) => `${topic}-Alarme`,
    costsOf: (client) => `# ${client}: AWS-Kosten`,
    intro:
      'Diese Seite beantwortet drei Fragen: **Bleiben wir im Budget?** (die Anzeigen), **Was treibt die Kosten?** (die Diagramme nach Dienst) und **Ist etwas ungewöhnlich?** (das graue Band: der erwartete Bereich; eine Linie darüber ist ungewöhnlich).',
    budgetColumns: ['Budget', 'Umfasst', 'Monatslimit'],
    noBudgets: '_Noch keine Budgets eingerichtet._',
    howToRead:
      '**So liest man die Anzeigen:** grün unter 80 % des Limits, orange ab 80 %, rot ab 100 %. „Erwartet bis Monatsende“ ist die Prognose von AWS. Kosten in US-Dollar; die letzten zwei oder drei Tage kann AWS noch nach oben korrigieren.',
    dataCollected: (times, timeZone) =>
      `**Daten** werden täglich um ${times} (${timeZone}) aus AWS Cost Explorer geholt; das Diagramm rechts zeigt die letzten Abrufe.`,
    contacts: '**Ansprechpartner:**',
    dataCollections: 'Datenabrufe (letzte 7 Tage)',
    spentGauge: (budget) => `${budget}: ausgegeben, % des Limits`,
    expectedGauge: (budget) => `${budget}: erwartet, % des Limits`,
    spentAndExpected: (budget, limit) => `${budget}: ausgegeben und erwartet diesen Monat (USD, Limit ${limit})`,
    eightyPercent: '80 % des Limits',
    limitOf: (limit) => `Limit ${limit} USD`,
    dailyByService30: 'Tageskosten nach Dienst, letzte 30 Tage (USD)',
    dailyByService90: 'Tageskosten nach Dienst, letzte 90 Tage (USD)',
    topServices: 'Größte Dienste, letzte 30 Tage (USD)',
    totalAgainstBand: 'Gesamte Tageskosten gegen ihren erwarteten Bereich (graues Band), letzte 60 Tage',
    expectedRange: 'Erwarteter Bereich',
    monitoringCost: 'Kosten dieser Kostenüberwachung, letzte 30 Tage',
    costExplorerUsd: 'Cost Explorer (USD)',
    expectedMonitoringCost: (total) =>
      `**Erwartet: etwa ${total} USD im Monat** (Listenpreise; AWS Budgets, Cost Anomaly Detection und dieses Dashboard sind kostenlos).`,
    costColumns: ['Teil', 'Menge', 'USD'],
    budgetAlarms: 'Budget- und Anomalie-Alarme',
    living: {
      title: (client) => `# ${client}: Landing Zone`,
      accounts: '**Konten:**',
      home: (region) => `Heimat ${region}`,
      dataStaysIn: '**Daten bleiben in:**',
      timeZone: '**Zeitzone:**',
      columns: ['Teil', 'Zustand'],
      on: 'an',
      off: 'aus',
      audit: 'Audit-Protokollierung (CloudTrail, Config, Log-Archiv)',
      threats: 'Bedrohungserkennung',
      backups: 'Sicherungen',
      network: 'Netzwerk-Basis',
      finops: 'FinOps',
      whoToCall: '**Ansprechpartner:**',
      runbooks:
        '**Runbooks:** jede Alarmart ist unten auf diesem Dashboard beschrieben (was sie bedeutet, was zuerst zu tun ist); eine Sicherung wiederherstellen: README „How to restore“ im Repository der Landing Zone; CIS-Befunde: `docs/cis-mapping.md`; Notfallzugang und Basisschutz: `docs/decisions/004-baseline-protection.md`, `005-backup-design.md`.',
      trail: (state, config, frequency) => `Trail ${state}, Config ${config} (${frequency})`,
      backupState: (tag, daily, weekly, monthly, lock, copies, restoreTest) =>
        `Tag \`${tag}\` = täglich (${daily} T.) / wöchentlich (${weekly} T.) / monatlich (${monthly} T.); Tresorsperre ${lock}; Kopien ${copies}; Wiederherstellungstest ${restoreTest}`,
      copiesTo: (region) => `nach ${region}`,
      finopsState: (budgets, collector, anomaly) => `${budgets} Budget(s), Sammler ${collector}, Anomalieerkennung ${anomaly}`,
    },
    roles: {
      owner: 'Inhaber',
      technical: 'Technik',
      platform: 'Technik (Plattform)',
      security: 'Sicherheit',
      billing: 'Abrechnung',
      operations: 'Betrieb',
    },
  },
  cisAlarmDescription: (cisId, title, response, runbookUrl) =>
    `CIS ${cisId} ${title}: mindestens ein passendes CloudTrail-Ereignis in 5 Minuten. ${response} Runbooks: ${runbookUrl}`,
  cisAlarms: {
    '4.1': {
      title: 'Nicht autorisierte API-Aufrufe',
      response:
        'In CloudTrail den Aufrufer (userIdentity) und die API finden: eine falsch konfigurierte Anwendung, oder jemand, der Rechte ausprobiert, die er nicht haben sollte.',
    },
    '4.2': {
      title: 'Anmeldung an der Konsole ohne MFA',
      response: 'Den IAM-Benutzer im ConsoleLogin-Ereignis finden, MFA einrichten lassen und prüfen, was die Sitzung getan hat.',
    },
    '4.3': {
      title: 'Nutzung des Root-Benutzers',
      response:
        'Mit dem Kontoinhaber klären, ob der Root-Benutzer bewusst genutzt wurde; falls nicht, sein Passwort ändern, seine MFA prüfen und jeden seiner Aufrufe ansehen.',
    },
    '4.4': {
      title: 'Änderungen an IAM-Richtlinien',
      response:
        'In CloudTrail prüfen, wer welche IAM-Richtlinie geändert hat und ob eine Bereitstellung das erklärt; unerwartete Rechte zurücknehmen. (DeletePolicy-Aufrufe von Auto Scaling passen auch.)',
    },
    '4.5': {
      title: 'Änderungen an der CloudTrail-Konfiguration',
      response:
        'Prüfen, dass der Audit-Trail noch protokolliert (StopLogging, DeleteTrail) und wer ihn geändert hat; durch erneutes Bereitstellen der Landing Zone wiederherstellen.',
    },
    '4.6': {
      title: 'Fehlgeschlagene Anmeldungen an der Konsole',
      response:
        'Benutzername und Quell-IP der fehlgeschlagenen Anmeldungen ansehen: wiederholte Fehlschläge deuten auf Passwortraten hin; die Zugangsdaten sperren oder erneuern.',
    },
    '4.7': {
      title: 'Deaktivierung oder geplante Löschung kundenverwalteter Schlüssel',
      response:
        'Den Schlüssel und den Aufrufer finden; falls unerwartet, die Löschung abbrechen (CancelKeyDeletion) oder den Schlüssel wieder aktivieren, bevor damit verschlüsselte Daten unlesbar werden.',
    },
    '4.8': {
      title: 'Änderungen an S3-Bucket-Richtlinien',
      response:
        'Prüfen, welcher Bucket geändert wurde und ob die neue Richtlinie, ACL oder Replikation Daten offenlegt; zurücknehmen, was keine Bereitstellung erklärt.',
    },
    '4.9': {
      title: 'Änderungen an der AWS-Config-Konfiguration',
      response:
        'Prüfen, dass der AWS-Config-Recorder in jeder Region noch aufzeichnet und wer ihn geändert hat; durch erneutes Bereitstellen der Landing Zone wiederherstellen.',
    },
    '4.10': {
      title: 'Änderungen an Sicherheitsgruppen',
      response:
        'Die geänderte Sicherheitsgruppe auf Regeln prüfen, die für 0.0.0.0/0 oder ::/0 offen sind, und ob eine Bereitstellung die Änderung erklärt.',
    },
    '4.11': {
      title: 'Änderungen an Netzwerk-ACLs',
      response: 'Die geänderte Netzwerk-ACL auf neu erlaubten Verkehr prüfen und ob eine Bereitstellung die Änderung erklärt.',
    },
    '4.12': {
      title: 'Änderungen an Netzwerk-Gateways',
      response: 'Prüfen, welche VPC ein Gateway erhalten oder verloren hat: ein neues Internet-Gateway kann private Subnetze öffnen.',
    },
    '4.13': {
      title: 'Änderungen an Routing-Tabellen',
      response: 'Die geänderten Routen prüfen: Verkehr könnte nun am erwarteten Weg vorbeigehen (NAT, Firewall, Peering).',
    },
    '4.14': {
      title: 'Änderungen an VPCs',
      response: 'Prüfen, welche VPC oder Peering-Verbindung geändert wurde und ob eine Bereitstellung das erklärt.',
    },
    '4.15': {
      title: 'Änderungen an AWS Organizations',
      response:
        'Prüfen, wer die Organisation geändert hat (Konten, OUs, SCPs) und ob das geplant war; ein Konto, das die Organisation verlassen hat, oder eine gelöste SCP schwächt jede Schutzvorgabe.',
    },
  },
  digest: {
    locale: 'de-DE',
    subject: (client, exceeded, budgets) => `${client}: AWS-Budget ${exceeded ? 'überschritten' : 'Warnung'} - ${budgets}`,
    budgetCount: (count) => `${count} Budgets`,
    header: (client, dateTime, timeZone) => `AWS-Kostenwarnung für ${client}, ${dateTime} (${timeZone}).`,
    crossed: (count) =>
      count === 1 ? 'Ein Budget hat diesen Monat eine Warnstufe erreicht:' : `${count} Budgets haben diesen Monat eine Warnstufe erreicht:`,
    scope: (scope) => {
      switch (scope.type) {
        case 'total':
          return 'die gesamte AWS-Rechnung';
        case 'service':
          return `den AWS-Dienst „${scope.service}“`;
        case 'account':
          return `das AWS-Konto „${scope.account}“`;
        case 'tag':
          return scope.value === '' ? `Ressourcen ohne Tag „${scope.key}“` : `Ressourcen mit dem Tag ${scope.key} = ${scope.value}`;
        case 'costCategory':
          return `die Kostenkategorie ${scope.name} = ${scope.value}`;
      }
    },
    budget: (name, scope) => `Budget „${name}“ (${scope})`,
    why: (thresholds) => `Warum Sie diese Nachricht erhalten: ${thresholds}.`,
    thresholdActual: (percent) => `${percent} des Limits bereits ausgegeben`,
    thresholdForecast: (percent) => `voraussichtlich ${percent} des Limits bis Monatsende`,
    spent: (month, amount, percent) => `Bisher ausgegeben im ${month}: ${amount} (${percent} des Limits)`,
    expected: (amount, percent) => `Erwartet bis Monatsende: ${amount} (${percent} des Limits)`,
    noForecast: 'Erwartet bis Monatsende: noch keine Prognose (AWS braucht mehr Kostenhistorie)',
    limit: (amount) => `Monatslimit: ${amount}`,
    biggestUnavailable: 'Größte Kosten diesen Monat: in dieser Nachricht nicht verfügbar (siehe Kosten-Dashboard)',
    biggestNone: 'Größte Kosten diesen Monat: noch keine erfasst',
    biggest: 'Größte Kosten diesen Monat:',
    whatToDo: (advice) => `Was zu tun ist: ${advice}`,
    adviceExceeded:
      'Das Monatslimit ist bereits überschritten. Fragen Sie heute Ihren technischen Ansprechpartner, welche der oben genannten Dienste gestoppt oder verkleinert werden können, oder erhöhen Sie das Budget, wenn diese Ausgaben erwartet sind (zum Beispiel ein geplanter Start).',
    adviceForecast:
      'Beim jetzigen Tempo endet der Monat über dem Limit. Fragen Sie diese Woche Ihren technischen Ansprechpartner, ob der Anstieg erwartet ist, und falls nicht, welche der oben genannten Dienste vor Monatsende verkleinert werden können.',
    adviceApproaching:
      'Die Ausgaben nähern sich dem Limit. Klären Sie mit Ihrem technischen Ansprechpartner, ob das erwartet ist; wenn ja, ist nichts zu tun.',
    resources: {
      EC2Instance: ['EC2-Instanz', 'EC2-Instanzen'],
      EBSVolume: ['EBS-Speichervolume', 'EBS-Speichervolumes'],
      NATGateway: ['NAT-Gateway', 'NAT-Gateways'],
      LoadBalancer: ['Load Balancer', 'Load Balancer'],
      RDSInstance: ['RDS-Datenbank', 'RDS-Datenbanken'],
    },
    idleResources: ['ungenutzte Ressource', 'ungenutzte Ressourcen'],
    roughUsd: (whole) => `etwa ${whole} USD`,
    lessThanOneUsd: 'weniger als 1 USD',
    savings: (resources, types, amount) =>
      `Mögliche Einsparung: ${resources} (${types}) könnten ${amount} pro Monat sparen; siehe Betriebs-Dashboard.`,
    savingsExplained: [
      '  Ungenutzt heißt: in den letzten Wochen kaum verwendet (bei Servern: viel größer als nötig). Der Betrag ist eine vorsichtige',
      '  Schätzung nach AWS-Listenpreisen. Fragen Sie Ihren technischen Ansprechpartner, ob diese Ressourcen noch gebraucht werden.',
    ],
    footer: [
      'Beträge in US-Dollar aus AWS Cost Explorer. Die letzten Tage sind Schätzungen, die AWS bis zum',
      'Monatsabschluss korrigiert. Sie erhalten diese Nachricht einmal je Warnstufe und Monat;',
      'das Kosten-Dashboard zeigt die Zahlen Tag für Tag.',
    ],
    budgetAlarm: (budget, limitUsd, actual, percent, runsPerDay) =>
      `Budget „${budget}“ (${limitUsd} USD im Monat): ${actual ? 'bisher in diesem Monat ausgegeben' : 'bis Monatsende erwartet'} sind mindestens ${percent} % des Limits. ` +
      `Aus den Metriken des Kostensammlers, ${runsPerDay}-mal täglich aktualisiert; das Kosten-Dashboard zeigt die Dienste, die es treiben.`,
    anomalyAlarm: (client, stdDevs) =>
      `Die gesamten Tageskosten von ${client} liegen über ihrem üblichen Bereich (Anomalie-Band von ${stdDevs} Standardabweichungen). ` +
      'Im Kosten-Dashboard den Dienst suchen, der gewachsen ist; AWS Cost Anomaly Detection hat die Ursache womöglich schon gemeldet.',
    chatTitle: (client, exceeded) => `${client}: AWS-Budget ${exceeded ? 'überschritten' : 'Warnung'}`,
  },
  severity: { CRITICAL: 'kritisch', HIGH: 'hoch', MEDIUM: 'mittel', LOW: 'niedrig', INFORMATIONAL: 'Information' },
  words: {
    client: 'Kunde',
    account: 'Konto',
    region: 'Region',
    time: 'Zeit',
    severity: 'Schweregrad',
    firstSteps: 'Was jetzt zu tun ist',
    whoToCall: 'Ansprechpartner',
    console: 'In der AWS-Konsole öffnen',
    runbook: 'Runbook',
    severityRose: 'Dieser Befund wurde schon gemeldet; sein Schweregrad ist gestiegen.',
    meaning: 'Was es bedeutet',
    check: 'Wie man es prüft',
    contain: 'Wie man es eindämmt',
    close: 'Wie man es abschließt',
    generated: 'Erzeugt aus dem Alarmkatalog (lib/core/alerts); dort ändern, dann `npm run docs` ausführen.',
  },
  kinds: {
    'guardduty-finding': {
      name: 'GuardDuty-Befund',
      title: (f) => `GuardDuty: ${f.title}`,
      happened: (f) =>
        `Amazon GuardDuty, der Dienst zur Bedrohungserkennung, hat Aktivität vom Typ ${f.type} an einer Ressource vom Typ ${f.resourceType} festgestellt (Bewertung ${f.score} von 10). Das kann auf einen Angriff oder auf gestohlene Zugangsdaten oder einen kompromittierten Server hindeuten.`,
      firstSteps: [
        'Den Befund öffnen (Link im Alarm) und lesen, welche Ressource, welche IP-Adresse oder welche Zugangsdaten betroffen sind.',
        'Ist ein Server betroffen: ihn isolieren (Sicherheitsgruppe ohne Regeln) und vor jeder Änderung einen EBS-Snapshot anlegen.',
        'Sind Zugangsdaten betroffen: den Zugriffsschlüssel deaktivieren oder die Sitzungen der Rolle widerrufen.',
        'Den Sicherheitskontakt anrufen; nichts löschen, was ein Beweismittel sein kann.',
      ],
      runbook: {
        meaning:
          'GuardDuty wertet CloudTrail, VPC-Flow-Logs und DNS-Logs aus und meldet Verhalten, das bekannten Angriffen entspricht: Krypto-Mining, Portscans, Aufrufe von bekannten bösartigen Adressen, ungewöhnliche API-Nutzung. Hohe und kritische Befunde verlangen meist innerhalb von Stunden eine Reaktion.',
        check: [
          'Den Befund in der GuardDuty-Konsole lesen: Typ, betroffene Ressource, Akteur (IP-Adresse, Land, ASN), erstes und letztes Auftreten.',
          'Den Befundtyp in der GuardDuty-Dokumentation nachschlagen („Finding types“): dort steht die typische Ursache.',
          'Im CloudTrail-Ereignisverlauf prüfen, was die betroffenen Zugangsdaten oder die Rolle um diese Zeit getan haben.',
          'Entscheiden: erwartete Aktivität (ein Penetrationstest, eine neue Integration) oder nicht.',
        ],
        contain: [
          'Server betroffen: eine Isolations-Sicherheitsgruppe zuweisen, EBS-Snapshots anlegen, die Instanz für die Analyse laufen lassen.',
          'Zugriffsschlüssel betroffen: deaktivieren (noch nicht löschen); bei einer Rolle deren aktive Sitzungen in IAM widerrufen.',
          'S3 betroffen: Bucket-Richtlinie und „Block Public Access“ prüfen; jeden öffentlichen Zugriff entfernen.',
          'Geheimnisse erneuern, die die Ressource lesen konnte.',
        ],
        close: [
          'Wenn die Ursache beseitigt und dokumentiert ist, den Befund in GuardDuty archivieren (das Archivieren wird als Triage-Hinweis mit Ihrem Namen gemeldet).',
          'War es erwartete Aktivität, den Grund festhalten; bei wiederkehrenden erwarteten Befunden den Berater bitten, die Basis anzupassen, statt eine Unterdrückungsregel anzulegen (diese sind bewusst verboten).',
        ],
      },
    },
    'securityhub-finding': {
      name: 'Security-Hub-Befund',
      title: (f) => `Security Hub: ${f.title}`,
      happened: (f) =>
        `AWS Security Hub meldet eine fehlgeschlagene Sicherheitsprüfung von ${f.product} für ${f.resource}: eine Einstellung, die das Konto schlechter schützt, als es die Standards (AWS Foundational Security Best Practices, CIS) verlangen.`,
      firstSteps: [
        'Den Befund öffnen (Link im Alarm): im Abschnitt „Remediation“ steht, was zu ändern ist.',
        'Prüfen, ob die Ressource noch gebraucht wird und wem sie gehört.',
        'Die Einstellung korrigieren, am besten im Code, der die Ressource anlegt; sonst in der Konsole.',
        'Ist der Befund ein akzeptiertes Risiko, seinen Workflow-Status mit einer Begründung auf SUPPRESSED setzen.',
      ],
      runbook: {
        meaning:
          'Security Hub prüft das Konto laufend gegen Sicherheitsstandards. Ein hoher oder kritischer Befund ist eine Einstellung, die ein Angreifer nutzen könnte: eine öffentliche Ressource, fehlende Verschlüsselung, ungenutzte privilegierte Zugangsdaten, abgeschaltete Protokollierung.',
        check: [
          'Den Befund lesen: Kontroll-ID, Ressource und den Link „Remediation“ zur Dokumentation der Kontrolle.',
          'Den Verantwortlichen der Ressource finden (Tags owner und cost-center) und prüfen, ob sie per Code verwaltet wird (Tag des CloudFormation-Stacks).',
          'Prüfen, ob dieselbe Kontrolle für weitere Ressourcen fehlschlägt (Security Hub, Controls).',
        ],
        contain: [
          'Bei öffentlichem Zugriff oder offengelegten Zugangsdaten: den Zugriff sofort entfernen, dann die Ursache beheben.',
          'Bei anderen Befunden: die Korrektur innerhalb der Woche einplanen; den Code ändern, der die Ressource anlegt, damit die Einstellung korrigiert bleibt.',
        ],
        close: [
          'Nach der Korrektur prüft Security Hub innerhalb von 12 bis 24 Stunden erneut und archiviert den Befund selbst.',
          'Bei einem akzeptierten Risiko den Workflow-Status mit Begründung auf SUPPRESSED setzen (die Änderung wird als Triage-Hinweis gemeldet).',
        ],
      },
    },
    'finding-triage': {
      name: 'Von Hand bearbeitete Befunde',
      title: (f) => `Befunde von Hand bearbeitet: ${f.call}`,
      happened: (f) =>
        `${f.caller} hat ${f.call} (${f.service}) von ${f.sourceIp} aus aufgerufen: Befunde wurden archiviert, unterdrückt oder neu bewertet und lösen daher keinen Alarm mehr aus.`,
      firstSteps: [
        'Prüfen, ob der Aufrufer zu Ihrem Team gehört und die Bearbeitung gewollt war.',
        'Kann niemand sie erklären, als Sicherheitsvorfall behandeln: die Befunde erneut prüfen und die Zugangsdaten des Aufrufers widerrufen.',
      ],
      runbook: {
        meaning:
          'Triage (Befunde archivieren, unterdrücken, neu bewerten) ist normale Sicherheitsarbeit und bleibt erlaubt. Weil ein Eindringling mit Administratorrechten den Befund archivieren könnte, der ihn meldet, wird jeder Triage-Aufruf mit dem Aufrufer gemeldet.',
        check: [
          'CloudTrail öffnen (Link im Alarm): Aufruf, Aufrufer, Quell-IP-Adresse und die Befund-IDs.',
          'Den Aufrufer fragen, ob er die Änderung vorgenommen hat und warum.',
        ],
        contain: [
          'War es niemand: die Sitzungen und Schlüssel des Aufrufers widerrufen, dann die archivierten Befunde erneut ansehen (GuardDuty: Archiviert; Security Hub: Workflow-Status SUPPRESSED oder RESOLVED).',
        ],
        close: ['War die Bearbeitung gewollt, ist nichts abzuschließen; sonst den Vorfall verfolgen, bis die Zugangsdaten ersetzt sind.'],
      },
    },
    'regional-alarm': {
      name: 'Alarm in einer anderen Region',
      title: (f) => `Alarm: ${f.alarmName}`,
      happened: (f) => `${f.description} Grund: ${f.reason}`,
      firstSteps: [
        'Den Alarm in seiner Region öffnen (Link im Alarm) und lesen, welche Warteschlange oder Ressource er überwacht.',
        'Die Ereignisse in der Dead-Letter-Queue lesen: das sind die Befunde oder Hinweise, die nicht angekommen sind.',
      ],
      runbook: {
        meaning:
          'Jede erlaubte Region leitet ihre Befunde und Triage-Hinweise an die Heimatregion weiter, von der aus die Alarme versendet werden. Schlägt die Weiterleitung fehl, warten die Ereignisse in einer Dead-Letter-Queue dieser Region, und dieser Alarm schlägt an.',
        check: [
          'In der Konsole die Region des Alarms öffnen, SQS, die im Alarm genannte Warteschlange: die Nachrichten lesen (sie enthalten die Ereignisse und den Fehler).',
          'Prüfen, ob die Weiterleitungsrolle noch existiert und Ereignisse auf den Standard-Event-Bus der Heimatregion schreiben darf.',
        ],
        contain: ['Die Befunde in den Nachrichten wie jeden Befund bearbeiten: sie wurden nie gemeldet.'],
        close: [
          'Nach Behebung der Ursache die gelesenen Nachrichten aus der Warteschlange löschen; der Alarm kehrt zu OK zurück, wenn sie leer ist.',
        ],
      },
    },
    'pending-subscriptions': {
      name: 'Alarm-Abonnement nicht bestätigt',
      title: (f) => `Alarm-Abonnement nicht bestätigt (${f.topic})`,
      happened: (f) =>
        `Diese Empfänger der ${f.topic}-Alarme haben ihr Abonnement nie bestätigt und erhalten nichts: ${f.endpoints.join(', ')}. AWS sendet Alarme nur an bestätigte Adressen.`,
      firstSteps: [
        'Jeden Empfänger bitten, die E-Mail „AWS Notification - Subscription Confirmation“ zu öffnen und auf „Confirm subscription“ zu klicken (auch im Spam-Ordner).',
        'Ist die E-Mail verloren, die Adresse aus der Kundendatei entfernen, den Foundation-Stack bereitstellen und sie wieder hinzufügen, oder sie in der SNS-Konsole neu abonnieren.',
      ],
      runbook: {
        meaning:
          'SNS stellt an eine E-Mail-Adresse erst zu, wenn ihr Inhaber das Abonnement bestätigt hat. Eine unbestätigte Adresse heißt: diese Person erhält keinerlei Alarme, ohne dass es jemand merkt. Die Plattform prüft täglich und meldet jede unbestätigte Adresse einmal; das Betriebs-Dashboard zeigt die Anzahl, bis sie null ist.',
        check: ['SNS-Konsole, Topics, das Alarm-Topic, Subscriptions: der Status jedes Endpunkts („Pending confirmation“).'],
        contain: [
          'Bis die Adresse bestätigt ist, sicherstellen, dass jemand anderes die Alarme erhält (eine weitere Adresse in der Kundendatei oder Chat).',
        ],
        close: ['Sind alle Adressen bestätigt, fällt die Anzahl auf dem Betriebs-Dashboard nach der nächsten täglichen Prüfung auf null.'],
      },
    },
    'backup-job': {
      name: 'Sicherung, Kopie oder Wiederherstellung nicht abgeschlossen',
      title: (f) => `AWS Backup: ${JOB_TYPES[f.jobType]} ${f.state} für ${f.resourceType}`,
      happened: (f) =>
        `Ein AWS-Backup-Auftrag (${JOB_TYPES[f.jobType]}) für ${f.resource} endete mit ${f.state}. Grund laut AWS Backup: ${f.reason}. Bis ein späterer Auftrag gelingt, hat diese Ressource ${f.jobType === 'copy' ? 'keine aktuelle Kopie in der zweiten Region' : 'keinen aktuellen Wiederherstellungspunkt'}.`,
      firstSteps: [
        'Den Auftrag öffnen (Link im Alarm) und die Statusmeldung lesen.',
        'Die Ursache beheben (meist: Rechte der Backup-Rolle, eine gelöschte oder gestoppte Ressource, ein Schlüssel, den der Tresor nicht nutzen kann).',
        'In der AWS-Backup-Konsole eine Sicherung (oder Kopie) auf Abruf starten und prüfen, dass sie abgeschlossen wird.',
      ],
      runbook: {
        meaning:
          'Die Sicherungspläne laufen täglich (sowie wöchentlich und monatlich); ein Auftrag, der fehlschlägt, abgebrochen wird, nicht in seinem Zeitfenster startet (EXPIRED) oder nur teilweise gelingt, lässt die Ressource ohne frischen Wiederherstellungspunkt. Eine fehlgeschlagene Kopie heißt: die Kopie in der zweiten Region, der Schutz gegen den Verlust einer Region oder des Kontos, fehlt. Eine fehlgeschlagene Wiederherstellung ist eine, die jemand von Hand gestartet hat.',
        check: [
          'AWS-Backup-Konsole, Jobs: der Auftrag, seine Statusmeldung, die Ressource und der Tresor.',
          'Prüfen, ob die Ressource noch existiert und noch das Backup-Tag trägt (backup=<Stufe>).',
          'Prüfen, ob in derselben Nacht weitere Aufträge fehlschlugen (das Betriebs-Dashboard zeigt fehlgeschlagene Aufträge pro Tag).',
        ],
        contain: [
          'Jetzt eine Sicherung der Ressource auf Abruf starten; bei Kopien eine Kopie des neuesten Wiederherstellungspunkts auf Abruf.',
          'Liegt es an Rechten oder einem Schlüssel, es im Code der Landing Zone beheben und bereitstellen, damit der nächste geplante Auftrag gelingt.',
        ],
        close: [
          'Abgeschlossen, wenn der nächste geplante Auftrag für die Ressource gelungen ist (AWS-Backup-Konsole, Jobs, Status Completed).',
        ],
      },
    },
    'restore-test': {
      name: 'Wiederherstellungstest fehlgeschlagen',
      title: (f) => `Wiederherstellungstest ${f.state} für ${f.resourceType}`,
      happened: (f) =>
        `Der automatische Wiederherstellungstest von ${f.resource} endete mit ${f.state}: die Sicherung ließ sich nicht wie geplant wiederherstellen. Grund laut AWS Backup: ${f.reason}. Eine Sicherung, die sich nicht wiederherstellen lässt, schützt das Unternehmen nicht.`,
      firstSteps: [
        'Den Wiederherstellungsauftrag öffnen (Link im Alarm) und die Statusmeldung lesen.',
        'Prüfen, ob der Wiederherstellungspunkt vollständig ist und die Wiederherstellungsrolle ihn und seinen Schlüssel lesen darf.',
        'Denselben Wiederherstellungspunkt von Hand in eine Testressource wiederherstellen, danach die Testressource löschen.',
      ],
      runbook: {
        meaning:
          'Der Wiederherstellungstest stellt regelmäßig einen aktuellen Wiederherstellungspunkt jedes geschützten Ressourcentyps wieder her, prüft, dass er startet, und löscht die Kopie. Ein fehlgeschlagener Test ist eine frühe Warnung, dass die Wiederherstellung im Ernstfall scheitern könnte.',
        check: [
          'AWS-Backup-Konsole, Restore testing: der Testauftrag, sein Wiederherstellungspunkt und die Statusmeldung.',
          'Die Wiederherstellungsrolle und die Schlüsselrichtlinie des Tresors prüfen; prüfen, ob die Wiederherstellungs-Metadaten (Subnetz, Instanztyp) noch zum Konto passen.',
        ],
        contain: [
          'Den Wiederherstellungspunkt von Hand wiederherstellen, um zu beweisen, dass es geht; gelingt das nicht, eine frische Sicherung auf Abruf anlegen und diese testen.',
        ],
        close: ['Abgeschlossen, wenn der nächste geplante Wiederherstellungstest des Ressourcentyps gelingt.'],
      },
    },
  },
};

import type { PreviewFactView } from '../../shared/steward-api.ts';
import type { Language } from './i18n.tsx';

// The steward pages' words: add a source, run now, upload a file, a run's detail. Kept beside the pages.

export interface StewardMessages {
  newSource: string;
  runNow: string;
  uploadFile: string;
  uploading: string;
  runQueued: string;
  actionsLabel: string;
  openRun: string;
  refusalTitle: string;
  refusalViewer: string;
  refusalAnonymous: string;
  backToSources: string;
  checkingSession: string;
  wizard: {
    title: string;
    lead: string;
    stepFile: string;
    stepMapping: string;
    stepPreview: string;
    stepSave: string;
    fileLabel: string;
    fileHelp: string;
    /** The area and period of a file that names none (`--area`/`--period`), and why they are asked for. */
    areaLabel: string;
    areaHelp: string;
    periodLabel: string;
    periodHelp: string;
    needed: string;
    profile: string;
    noProfile: string;
    detect: string;
    detecting: string;
    detectedSettings: string;
    encoding: string;
    delimiter: string;
    decimal: string;
    headerLine: string;
    layout: string;
    layoutLong: string;
    layoutWide: string;
    layoutClassification: string;
    titleLines: string;
    footnotes: string;
    comma: string;
    point: string;
    sourceId: string;
    sourceTitle: string;
    owner: string;
    ownerEmail: string;
    columnsHeading: string;
    columnName: string;
    columnRole: string;
    columnWhy: string;
    roles: Record<string, string>;
    fieldSource: Record<'indicator' | 'area' | 'period' | 'breakdown', string>;
    fromColumn: string;
    fixedValue: string;
    valueColumn: string;
    indicatorsHeading: string;
    indicatorKey: string;
    indicatorTitle: string;
    unit: string;
    decimals: string;
    direction: string;
    higher: string;
    lower: string;
    notesHeading: string;
    /** Why a previewed value is empty, by the reader's note. */
    valueNotes: Record<NonNullable<PreviewFactView['note']>, string>;
    advanced: string;
    advancedHelp: string;
    jsonInvalid: string;
    preview: string;
    previewing: string;
    problemsHeading: string;
    counts: string;
    factsHeading: string;
    factColumns: {
      line: string;
      indicator: string;
      area: string;
      period: string;
      breakdown: string;
      value: string;
    };
    rejectionsHeading: string;
    noRejections: string;
    skipsHeading: string;
    fileError: string;
    scheduleHeading: string;
    presets: { nightly: string; weekly: string; monthly: string; arrival: string; custom: string };
    cron: string;
    cronHelp: string;
    stageSample: string;
    replace: string;
    save: string;
    saving: string;
    saved: string;
    runWithSample: string;
    starting: string;
    previewFirst: string;
    /** GOV.UK's error summary: its heading, above a link to each field with a problem. */
    errorSummaryTitle: string;
    /** "Fel:" before a message at its field, for screen readers. */
    errorPrefix: string;
    errors: { owner: string; direction: string; cadence: string; cronEmpty: string; save: string };
    hints: {
      owner: string;
      directionOne: string;
      directionMany: string;
      newIndicatorOne: string;
      newIndicatorsMany: string;
    };
    ownerHelp: string;
    chooseDirection: string;
    cadenceHeading: string;
    cadenceHelp: string;
    cadences: { monthly: string; quarterly: string; tertial: string; yearly: string; none: string };
    factsHelp: string;
    staleNote: string;
  };
  rejectionColumns: { line: string; column: string; raw: string; reason: string };
  run: {
    title: string;
    loading: string;
    loadError: string;
    source: string;
    trigger: string;
    status: string;
    queued: string;
    started: string;
    finished: string;
    duration: string;
    files: string;
    origin: string;
    countsHeading: string;
    valuesHeading: string;
    /** "{read} lästa = {loaded} inlästa + {skipped} överhoppade + {rejected} avvisade" */
    rowsEquation: string;
    counts: {
      read: string;
      rowsLoaded: string;
      skipped: string;
      rowsRejected: string;
      inserted: string;
      updated: string;
      unchanged: string;
      rejected: string;
    };
    /** A failed run's counts: what the file gave, none of it stored. */
    failedCounts: string;
    succeededWithWarning: string;
    warning: string;
    error: string;
    rejectedHeading: string;
    rejectedShown: string;
    download: string;
    noRejected: string;
    waiting: string;
    indicatorsHeading: string;
    indicatorsLead: string;
  };
}

export const STEWARD_MESSAGES: Record<Language, StewardMessages> = {
  sv: {
    newSource: 'Ny källa',
    runNow: 'Kör nu',
    uploadFile: 'Ladda upp fil',
    uploading: 'Laddar upp …',
    runQueued: 'Körningen ligger i kön.',
    actionsLabel: 'Åtgärder',
    openRun: 'Visa körningen',
    refusalTitle: 'Du kan inte lägga till källor',
    refusalViewer:
      'Att lägga till och köra källor kräver rollen dataförvaltare (steward). Be en administratör om den rollen om du behöver den.',
    refusalAnonymous: 'Logga in som dataförvaltare för att lägga till källor.',
    backToSources: 'Till källorna',
    checkingSession: 'Kontrollerar inloggningen …',
    wizard: {
      title: 'Ny källa',
      lead: 'Välj en provfil ur systemet som levererar siffrorna. Målkoll föreslår hur filen ska läsas; du rättar förslaget, ser vad som blir värden och vad som avvisas, och sparar källan med ett schema.',
      stepFile: '1. Provfil',
      stepMapping: '2. Inställningar och kolumner',
      stepPreview: '3. Förhandsgranskning',
      stepSave: '4. Spara med schema',
      fileLabel: 'Provfil (CSV)',
      fileHelp:
        'En CSV-fil som Excel eller verksamhetssystemet sparar den: semikolon, decimalkomma och BOM går bra.',
      detect: 'Läs filen och föreslå',
      detecting: 'Läser filen …',
      areaLabel: 'Område',
      areaHelp:
        'Bara för en fil utan områdeskolumn: kod eller namn, t.ex. 0586, Mjölby eller Stockholms län. Tomt: hela filen gäller Riket.',
      periodLabel: 'Period',
      periodHelp: 'Bara för en fil utan period: t.ex. 2024, 2016K1 eller 2014M03.',
      needed: 'Filen behöver det här fältet: fyll i det och läs filen igen.',
      profile: 'Utgivare',
      noProfile: 'ingen känd (allmän CSV)',
      detectedSettings: 'Upptäckta inställningar',
      encoding: 'Teckenkodning',
      delimiter: 'Avgränsare',
      decimal: 'Decimaltecken',
      headerLine: 'Rubrikrad',
      layout: 'Layout',
      layoutLong: 'lång (ett värde per rad)',
      layoutWide: 'bred (värden i flera kolumner)',
      layoutClassification:
        'klassificering (grupper per område, inga värden: läses in som jämförelsegrupper)',
      titleLines: 'Rubrikrader ovanför',
      footnotes: 'Fotnoter på rad',
      comma: 'komma',
      point: 'punkt',
      sourceId: 'Källans id',
      sourceTitle: 'Källans namn',
      owner: 'Ansvarig',
      ownerEmail: 'Ansvarigs e-post',
      columnsHeading: 'Kolumner',
      columnName: 'Kolumn',
      columnRole: 'Roll',
      columnWhy: 'Varför',
      roles: {
        area: 'område',
        period: 'period',
        indicator: 'nyckeltal',
        breakdown: 'indelning',
        value: 'värde',
        wide: 'värden (bred)',
        ignored: 'används inte',
        group: 'grupp',
        group_name: 'gruppnamn',
        main_group: 'huvudgrupp',
        main_group_name: 'huvudgruppsnamn',
      },
      fieldSource: { indicator: 'Nyckeltal', area: 'Område', period: 'Period', breakdown: 'Indelning' },
      fromColumn: 'Ur kolumnen',
      fixedValue: 'Samma för hela filen',
      valueColumn: 'Värdekolumn',
      indicatorsHeading: 'Nyckeltal som källan för med sig',
      indicatorKey: 'Nyckel',
      indicatorTitle: 'Namn',
      unit: 'Enhet',
      decimals: 'Decimaler',
      direction: 'Riktning',
      higher: 'högre är bättre',
      lower: 'lägre är bättre',
      notesHeading: 'Att kontrollera',
      valueNotes: { missing: 'saknas', suppressed: 'skyddat', no_new_data: 'inga nya data' },
      advanced: 'Definitionen som JSON (avancerat)',
      advancedHelp:
        'Hela definitionen, för det som formuläret inte visar. Ändringar här gäller när texten är giltig JSON.',
      jsonInvalid: 'Texten är inte giltig JSON; den senaste giltiga definitionen gäller.',
      preview: 'Förhandsgranska',
      previewing: 'Förhandsgranskar …',
      problemsHeading: 'Definitionen har fel',
      counts: '{rows} datarader: {facts} värden, {skipped} överhoppade, {rejected} avvisade',
      factsHeading: 'Första värdena',
      factColumns: {
        line: 'Rad',
        indicator: 'Nyckeltal',
        area: 'Område',
        period: 'Period',
        breakdown: 'Indelning',
        value: 'Värde',
      },
      rejectionsHeading: 'Avvisade rader',
      noRejections: 'Inga rader avvisas.',
      skipsHeading: 'Överhoppade rader',
      fileError: 'Filen kan inte läsas med den här definitionen:',
      scheduleHeading: 'När ska källan läsas?',
      presets: {
        nightly: 'Varje natt kl. 02.00',
        weekly: 'Varje måndag kl. 02.00',
        monthly: 'Den 1:a varje månad kl. 02.00',
        arrival: 'När en ny fil kommer till inkorgen',
        custom: 'Eget schema (cron)',
      },
      cron: 'Cron-uttryck',
      cronHelp:
        'Fem fält: minut timme dag månad veckodag, i svensk tid. "30 6 * * 1-5" är vardagar kl. 06.30.',
      stageSample: 'Lägg provfilen i källans inkorg som första leverans',
      replace: 'Ersätt en befintlig källa med samma id',
      save: 'Spara källan',
      saving: 'Sparar …',
      saved: 'Källan "{title}" är sparad.',
      runWithSample: 'Kör nu med provfilen',
      starting: 'Startar körningen …',
      previewFirst: 'Förhandsgranska definitionen innan du sparar.',
      errorSummaryTitle: 'Det finns problem',
      errorPrefix: 'Fel:',
      errors: {
        owner: 'Skriv vem som ansvarar för källan',
        direction: 'Välj om högre eller lägre värden är bättre för "{title}"',
        cadence: 'Välj hur ofta källan får nya siffror',
        cronEmpty: 'Skriv ett cron-uttryck, till exempel 30 6 * * 1-5',
        save: 'Källan kunde inte sparas',
      },
      hints: {
        owner: 'Skriv vem som ansvarar för källan (Ansvarig).',
        directionOne: 'Välj riktning för 1 nyckeltal: är högre eller lägre värden bättre?',
        directionMany: 'Välj riktning för {count} nyckeltal: är högre eller lägre värden bättre?',
        newIndicatorOne:
          '1 nytt nyckeltal skapas när du sparar källan: kontrollera namn, enhet och decimaler.',
        newIndicatorsMany:
          '{count} nya nyckeltal skapas när du sparar källan: kontrollera namn, enhet och decimaler.',
      },
      ownerHelp: 'Den som svarar på frågor om siffrorna, t.ex. en person eller en funktion.',
      chooseDirection: 'Välj …',
      cadenceHeading: 'Hur ofta kommer nya siffror?',
      cadenceHelp:
        'Källornas sida säger "I tid" eller "Försenad" efter det här. Utan fast takt säger den bara vad som senast lästes in.',
      cadences: {
        monthly: 'Varje månad',
        quarterly: 'Varje kvartal',
        tertial: 'Varje tertial',
        yearly: 'Varje år',
        none: 'Ingen fast takt',
      },
      factsHelp: 'Värdena skrivs med nyckeltalets decimaler.',
      staleNote: 'Förhandsgranskningen gäller en tidigare version av definitionen: förhandsgranska igen.',
    },
    rejectionColumns: { line: 'Rad', column: 'Kolumn', raw: 'Värde i filen', reason: 'Orsak' },
    run: {
      title: 'Körning {id}',
      loading: 'Hämtar körningen …',
      loadError: 'Körningen kunde inte hämtas.',
      source: 'Källa',
      trigger: 'Startad av',
      status: 'Resultat',
      queued: 'Köad',
      started: 'Startade',
      finished: 'Klar',
      duration: 'Tid',
      files: 'Filer',
      origin: 'Läste',
      countsHeading: 'Rader',
      valuesHeading: 'Värden',
      rowsEquation: '{read} lästa = {loaded} inlästa + {skipped} överhoppade + {rejected} avvisade',
      counts: {
        read: 'Lästa',
        rowsLoaded: 'Inlästa',
        skipped: 'Överhoppade',
        rowsRejected: 'Avvisade',
        inserted: 'Nya',
        updated: 'Ändrade',
        unchanged: 'Oförändrade',
        rejected: 'Avvisade',
      },
      failedCounts: 'Körningen misslyckades: siffrorna visar vad filen gav, inget av det lästes in.',
      succeededWithWarning: 'lyckades med varning',
      warning: 'Varning',
      error: 'Fel',
      rejectedHeading: 'Avvisade rader',
      rejectedShown: 'De första {shown} av {total}.',
      download: 'Ladda ner alla avvisade rader (CSV för Excel)',
      noRejected: 'Inga rader avvisades.',
      waiting: 'Körningen pågår; sidan uppdateras av sig själv.',
      indicatorsHeading: 'Källans värden',
      indicatorsLead: 'Se nyckeltalen som källan fyller i utforskaren:',
    },
  },
  en: {
    newSource: 'New source',
    runNow: 'Run now',
    uploadFile: 'Upload file',
    uploading: 'Uploading …',
    runQueued: 'The run is queued.',
    actionsLabel: 'Actions',
    openRun: 'Show the run',
    refusalTitle: 'You cannot add sources',
    refusalViewer:
      'Adding and running sources needs the data steward role. Ask an administrator for it if you need it.',
    refusalAnonymous: 'Sign in as a data steward to add sources.',
    backToSources: 'To the sources',
    checkingSession: 'Checking the sign-in …',
    wizard: {
      title: 'New source',
      lead: 'Choose a sample file from the system that delivers the figures. Målkoll proposes how to read it; you correct the proposal, see what becomes values and what is rejected, and save the source with a schedule.',
      stepFile: '1. Sample file',
      stepMapping: '2. Settings and columns',
      stepPreview: '3. Preview',
      stepSave: '4. Save with a schedule',
      fileLabel: 'Sample file (CSV)',
      fileHelp:
        'A CSV file as Excel or the business system saves it: semicolons, decimal commas and a BOM are fine.',
      detect: 'Read the file and propose',
      detecting: 'Reading the file …',
      areaLabel: 'Area',
      areaHelp:
        'Only for a file with no area column: a code or a name, e.g. 0586, Mjölby or Stockholms län. Empty: the whole file is Sweden (Riket).',
      periodLabel: 'Period',
      periodHelp: 'Only for a file with no period: e.g. 2024, 2016K1 or 2014M03.',
      needed: 'The file needs this field: fill it in and read the file again.',
      profile: 'Publisher',
      noProfile: 'none recognised (plain CSV)',
      detectedSettings: 'Detected settings',
      encoding: 'Encoding',
      delimiter: 'Delimiter',
      decimal: 'Decimal mark',
      headerLine: 'Header line',
      layout: 'Layout',
      layoutLong: 'long (one value per row)',
      layoutWide: 'wide (values in several columns)',
      layoutClassification: 'classification (a group per area, no values: loaded as peer groups)',
      titleLines: 'Title lines above',
      footnotes: 'Footnotes on line',
      comma: 'comma',
      point: 'point',
      sourceId: 'Source id',
      sourceTitle: 'Source name',
      owner: 'Owner',
      ownerEmail: "Owner's e-mail",
      columnsHeading: 'Columns',
      columnName: 'Column',
      columnRole: 'Role',
      columnWhy: 'Why',
      roles: {
        area: 'area',
        period: 'period',
        indicator: 'indicator',
        breakdown: 'breakdown',
        value: 'value',
        wide: 'values (wide)',
        ignored: 'not used',
        group: 'group',
        group_name: 'group name',
        main_group: 'main group',
        main_group_name: 'main group name',
      },
      fieldSource: { indicator: 'Indicator', area: 'Area', period: 'Period', breakdown: 'Breakdown' },
      fromColumn: 'From the column',
      fixedValue: 'The same for the whole file',
      valueColumn: 'Value column',
      indicatorsHeading: 'Indicators the source brings',
      indicatorKey: 'Key',
      indicatorTitle: 'Name',
      unit: 'Unit',
      decimals: 'Decimals',
      direction: 'Direction',
      higher: 'higher is better',
      lower: 'lower is better',
      notesHeading: 'To check',
      valueNotes: { missing: 'missing', suppressed: 'suppressed', no_new_data: 'no new data' },
      advanced: 'The definition as JSON (advanced)',
      advancedHelp:
        'The whole definition, for what the form does not show. Edits here apply when the text is valid JSON.',
      jsonInvalid: 'The text is not valid JSON; the last valid definition applies.',
      preview: 'Preview',
      previewing: 'Previewing …',
      problemsHeading: 'The definition has errors',
      counts: '{rows} data rows: {facts} values, {skipped} skipped, {rejected} rejected',
      factsHeading: 'First values',
      factColumns: {
        line: 'Line',
        indicator: 'Indicator',
        area: 'Area',
        period: 'Period',
        breakdown: 'Breakdown',
        value: 'Value',
      },
      rejectionsHeading: 'Rejected rows',
      noRejections: 'No rows are rejected.',
      skipsHeading: 'Skipped rows',
      fileError: 'The file cannot be read with this definition:',
      scheduleHeading: 'When should the source be read?',
      presets: {
        nightly: 'Every night at 02:00',
        weekly: 'Every Monday at 02:00',
        monthly: 'The 1st of every month at 02:00',
        arrival: 'When a new file arrives in the inbox',
        custom: 'Custom schedule (cron)',
      },
      cron: 'Cron expression',
      cronHelp:
        'Five fields: minute hour day month weekday, in Swedish time. "30 6 * * 1-5" is weekdays at 06:30.',
      stageSample: "Put the sample file in the source's inbox as its first delivery",
      replace: 'Replace an existing source with the same id',
      save: 'Save the source',
      saving: 'Saving …',
      saved: 'The source "{title}" is saved.',
      runWithSample: 'Run now with the sample file',
      starting: 'Starting the run …',
      previewFirst: 'Preview the definition before saving.',
      errorSummaryTitle: 'There is a problem',
      errorPrefix: 'Error:',
      errors: {
        owner: 'Enter who is responsible for the source',
        direction: 'Choose whether higher or lower values are better for "{title}"',
        cadence: 'Choose how often the source gets new figures',
        cronEmpty: 'Enter a cron expression, for example 30 6 * * 1-5',
        save: 'The source could not be saved',
      },
      hints: {
        owner: 'Enter who is responsible for the source (Owner).',
        directionOne: 'Choose the direction of 1 indicator: are higher or lower values better?',
        directionMany: 'Choose the direction of {count} indicators: are higher or lower values better?',
        newIndicatorOne:
          '1 new indicator is created when you save the source: check its name, unit and decimals.',
        newIndicatorsMany:
          '{count} new indicators are created when you save the source: check their names, units and decimals.',
      },
      ownerHelp: 'Who answers questions about the figures: a person or a function.',
      chooseDirection: 'Choose …',
      cadenceHeading: 'How often do new figures come?',
      cadenceHelp:
        'The Sources page says "On time" or "Late" by this. Without a fixed cadence it only says what was loaded last.',
      cadences: {
        monthly: 'Every month',
        quarterly: 'Every quarter',
        tertial: 'Every tertial',
        yearly: 'Every year',
        none: 'No fixed cadence',
      },
      factsHelp: 'Values are written with the indicator’s decimals.',
      staleNote: 'This preview is of an earlier version of the definition: preview again.',
    },
    rejectionColumns: { line: 'Line', column: 'Column', raw: 'Value in the file', reason: 'Reason' },
    run: {
      title: 'Run {id}',
      loading: 'Loading the run …',
      loadError: 'The run could not be loaded.',
      source: 'Source',
      trigger: 'Started by',
      status: 'Result',
      queued: 'Queued',
      started: 'Started',
      finished: 'Finished',
      duration: 'Duration',
      files: 'Files',
      origin: 'Read',
      countsHeading: 'Rows',
      valuesHeading: 'Values',
      rowsEquation: '{read} read = {loaded} loaded + {skipped} skipped + {rejected} rejected',
      counts: {
        read: 'Read',
        rowsLoaded: 'Loaded',
        skipped: 'Skipped',
        rowsRejected: 'Rejected',
        inserted: 'New',
        updated: 'Changed',
        unchanged: 'Unchanged',
        rejected: 'Rejected',
      },
      failedCounts: 'The run failed: the figures show what the file gave; none of it was loaded.',
      succeededWithWarning: 'succeeded with a warning',
      warning: 'Warning',
      error: 'Error',
      rejectedHeading: 'Rejected rows',
      rejectedShown: 'The first {shown} of {total}.',
      download: 'Download all rejected rows (CSV for Excel)',
      noRejected: 'No rows were rejected.',
      waiting: 'The run is in progress; the page updates by itself.',
      indicatorsHeading: "The source's values",
      indicatorsLead: 'See the indicators the source fills in the explorer:',
    },
  },
};

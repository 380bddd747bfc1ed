package calendarbot.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.InvalidSettingsException;
import calendarbot.error.NotFoundException;
import calendarbot.store.Database;
import calendarbot.store.SettingsStore;
import calendarbot.testing.FakeClock;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The settings service over a real SQLite file: persistence, transactions, versions. */
class SettingsServiceIT {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
  private final List<String> sources = new ArrayList<>(List.of("work", "home"));
  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void tearDown() {
    opened.forEach(Database::close);
  }

  private Database db() {
    Database db = Database.open(dir.resolve("calendarbot.db"));
    opened.add(db);
    return db;
  }

  private SettingsService open() {
    return SettingsService.open(db(), clock, BERLIN, () -> List.copyOf(sources));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static JsonNode hide(String id, String scope, String uid) {
    return json(
        "{'id': '"
            + id
            + "', 'scope': '"
            + scope
            + "', 'source_id': 'work', 'uid': '"
            + uid
            + "', 'subject': 'Standup'}");
  }

  private void closeAll() {
    opened.forEach(Database::close);
    opened.clear();
  }

  @Test
  void open_nothingStored_defaultsAtVersionOneInServerZone() {
    SettingsSnapshot s = open().current();

    assertThat(s.version()).isEqualTo(1);
    assertThat(s.settings()).isEqualTo(Settings.defaults());
    assertThat(s.hidden()).isEmpty();
    assertThat(s.zone()).isEqualTo(BERLIN);
  }

  @Test
  void changes_persistAndReopenRestoresSettingsAndHidden() {
    SettingsService service = open();
    service.replaceFilters(json("{'hide_all_day': true, 'disabled_sources': ['home']}"));
    service.replaceDisplay(json("{'timezone': 'America/New_York', 'theme': 'dark'}"));
    HiddenEvent one = service.hide(hide("i1", "instance", "review"));
    HiddenEvent series = service.hide(hide("i2", "series", "standup"));
    Settings before = service.current().settings();
    closeAll();

    SettingsService reopened = open();

    assertThat(reopened.current().settings()).isEqualTo(before);
    assertThat(reopened.current().zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(reopened.hidden()).containsExactly(one, series);
    assertThat(one.hiddenAt()).isEqualTo("2026-11-23T09:00:00Z");
  }

  @Test
  void changes_versionIncreasesOnEveryChangeButNotOnANoOp() {
    SettingsService service = open();
    long v1 = service.current().version();

    service.replaceDisplay(json("{'theme': 'dark'}"));
    long v2 = service.current().version();
    service.replace(JSON.valueToTree(service.current().settings()));
    long afterSame = service.current().version();
    HiddenEvent first = service.hide(hide("i1", "instance", "review"));
    long v3 = service.current().version();
    HiddenEvent again = service.hide(hide("i1", "instance", "review"));
    long afterSameHide = service.current().version();
    service.unhide(json("{'id': 'i1'}"));
    long v4 = service.current().version();

    assertThat(v2).isGreaterThan(v1);
    assertThat(afterSame).isEqualTo(v2);
    assertThat(v3).isGreaterThan(v2);
    assertThat(again).isEqualTo(first);
    assertThat(afterSameHide).isEqualTo(v3);
    assertThat(v4).isGreaterThan(v3);
    assertThat(service.hidden()).isEmpty();
  }

  @Test
  void listeners_runAfterCommitAndPublish() {
    SettingsService service = open();
    List<String> seen = new ArrayList<>();
    Database probe = db();
    SettingsStore stored = new SettingsStore(probe, clock);
    service.addListener(
        () ->
            seen.add(
                service.current().display().theme()
                    + "/"
                    + stored
                        .get(SettingsService.DOCUMENT_KEY)
                        .map(d -> d.contains("dark"))
                        .orElse(false)));
    service.addListener(
        () -> {
          throw new IllegalStateException("a broken listener");
        });

    service.replaceDisplay(json("{'theme': 'dark'}"));
    service.hide(hide("i1", "instance", "review"));

    assertThat(seen).containsExactly("dark/true", "dark/true");
  }

  @Test
  void replace_invalidDocument_changesNothingAndListsEveryProblem() {
    SettingsService service = open();
    SettingsSnapshot before = service.current();

    assertThatThrownBy(
            () ->
                service.replace(
                    json(
                        "{'filters': {'hide_all_day': true, 'disabled_sources': ['x']},"
                            + " 'display': {'theme': 'neon'}}")))
        .isInstanceOf(InvalidSettingsException.class)
        .satisfies(e -> assertThat(((InvalidSettingsException) e).problems()).hasSize(2));

    assertThat(service.current()).isSameAs(before);
    closeAll();
    assertThat(open().current().settings()).isEqualTo(Settings.defaults());
  }

  @Test
  void importDocument_oneBadField_changesNothing() {
    SettingsService service = open();
    service.hide(hide("i1", "instance", "review"));
    SettingsSnapshot before = service.current();

    JsonNode doc =
        json(
            "{'format': 'calendarbot-settings', 'format_version': 1,"
                + " 'settings': {'filters': {'hide_all_day': true}, 'display': {'clock': '25h'}},"
                + " 'hidden_events': []}");

    assertThatThrownBy(() -> service.importDocument(doc))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("settings.display.clock must be one of 24h, 12h, but was '25h'");
    assertThat(service.current()).isSameAs(before);
    closeAll();
    SettingsService reopened = open();
    assertThat(reopened.current().settings()).isEqualTo(Settings.defaults());
    assertThat(reopened.hidden()).extracting(HiddenEvent::instanceId).containsExactly("i1");
  }

  @Test
  void exportThenImport_elsewhere_restoresSettingsAndHidden() {
    SettingsService service = open();
    service.replaceFilters(json("{'title_patterns': [{'pattern': 'Lunch'}]}"));
    service.hide(hide("i2", "series", "standup"));
    JsonNode exported = JSON.valueToTree(service.export());
    service.reset();

    SettingsSnapshot imported = service.importDocument(exported);

    assertThat(imported.settings().filters().titlePatterns())
        .containsExactly(TitlePattern.substring("Lunch"));
    assertThat(imported.hidden()).extracting(HiddenEvent::uid).containsExactly("standup");
    closeAll();
    assertThat(open().current().settings()).isEqualTo(imported.settings());
  }

  @Test
  void reset_keepsBackupThatExportReturnsAndSurvivesReopen() {
    SettingsService service = open();
    service.replaceDisplay(json("{'theme': 'eink'}"));
    HiddenEvent hidden = service.hide(hide("i1", "instance", "review"));
    Settings before = service.current().settings();
    clock.set(java.time.Instant.parse("2026-11-23T10:00:00Z"));

    SettingsSnapshot after = service.reset();

    assertThat(after.settings()).isEqualTo(Settings.defaults());
    assertThat(after.hidden()).isEmpty();
    SettingsExport export = service.export();
    assertThat(export.format()).isEqualTo(SettingsExport.FORMAT);
    assertThat(export.formatVersion()).isEqualTo(1);
    assertThat(export.backup().savedAt()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(export.backup().settings()).isEqualTo(before);
    assertThat(export.backup().hiddenEvents()).containsExactly(hidden);
    closeAll();
    SettingsService reopened = open();
    assertThat(reopened.current().settings()).isEqualTo(Settings.defaults());
    assertThat(reopened.hidden()).isEmpty();
    assertThat(reopened.export().backup().settings()).isEqualTo(before);
  }

  @Test
  void unhide_notHidden_throwsNotFound() {
    SettingsService service = open();

    assertThatThrownBy(() -> service.unhide(json("{'id': 'nope', 'scope': 'series'}")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no hidden series with id 'nope'; GET /api/events/hidden lists what is hidden");
  }

  @Test
  void unhide_seriesByItsSourceAndUid_removesIt() {
    SettingsService service = open();
    service.hide(hide("clicked", "series", "standup"));

    HiddenEvent removed =
        service.unhide(
            json("{'id': 'another', 'scope': 'series', 'source_id': 'work', 'uid': 'standup'}"));

    assertThat(removed.instanceId()).isEqualTo("clicked");
    assertThat(service.hidden()).isEmpty();
  }

  @Test
  void open_storedDocumentNoLongerValid_warnsAndUsesDefaultsForBrokenParts() {
    SettingsService service = open();
    service.replace(
        json(
            "{'filters': {'disabled_sources': ['home'], 'hide_all_day': true},"
                + " 'display': {'timezone': 'Europe/Paris', 'theme': 'dark'}}"));
    closeAll();
    // The configuration lost 'home'; someone edited the stored zone to one this JDK lacks.
    sources.remove("home");
    Database db = db();
    SettingsStore stored = new SettingsStore(db, clock);
    stored.put(
        SettingsService.DOCUMENT_KEY,
        stored
            .get(SettingsService.DOCUMENT_KEY)
            .orElseThrow()
            .replace("Europe/Paris", "Europe/Gone"));
    Logger log = (Logger) LoggerFactory.getLogger(SettingsService.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      SettingsService reopened =
          SettingsService.open(db, clock, BERLIN, () -> List.copyOf(sources));

      Settings s = reopened.current().settings();
      assertThat(s.filters().disabledSources()).isEmpty();
      assertThat(s.filters().hideAllDay()).isTrue();
      assertThat(s.display().timezone()).isNull();
      assertThat(s.display().theme()).isEqualTo("dark");
      assertThat(reopened.current().zone()).isEqualTo(BERLIN);
      assertThat(appender.list)
          .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .asString()
          .contains("breaks 2 rule(s)")
          .contains("filters.disabled_sources[0] must be one of the configured source ids (work)")
          .contains("display.timezone must be");
    } finally {
      log.detachAppender(appender);
    }
  }

  @Test
  void open_storedDocumentNotJson_startsWithDefaults() {
    Database db = db();
    new SettingsStore(db, clock).put(SettingsService.DOCUMENT_KEY, "{not json");

    SettingsService service = SettingsService.open(db, clock, BERLIN, () -> sources);

    assertThat(service.current().settings()).isEqualTo(Settings.defaults());
  }
}

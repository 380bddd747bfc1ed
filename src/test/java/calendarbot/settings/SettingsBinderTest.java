package calendarbot.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import calendarbot.error.FieldProblem;
import calendarbot.error.InvalidSettingsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsBinderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SettingsBinder binder = new SettingsBinder(() -> List.of("work", "home"));

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private List<FieldProblem> problems(String document) {
    return binder.settings(json(document)).problems();
  }

  @Test
  void settings_emptyDocument_givesDefaults() {
    FieldReader.Bound<Settings> b = binder.settings(json("{}"));

    assertThat(b.problems()).isEmpty();
    assertThat(b.valid()).isEqualTo(Settings.defaults());
  }

  @Test
  void settings_everyFieldSet_bindsEveryField() {
    Settings s =
        binder
            .settings(
                json(
                    "{'filters': {'title_patterns': [{'pattern': 'Lunch'},"
                        + " {'pattern': '^1:1', 'regex': true, 'case_sensitive': true}],"
                        + " 'hide_all_day': true, 'hide_declined': false,"
                        + " 'my_addresses': ['MAILTO:Me@Example.com', ' you@example.org '],"
                        + " 'hide_transparent': true, 'hide_cancelled': false,"
                        + " 'hide_focus_time': true, 'focus_time_patterns': [{'pattern': 'Deep'}],"
                        + " 'disabled_sources': ['home'], 'private_as_busy': false},"
                        + " 'display': {'timezone': 'America/New_York', 'clock': '12h',"
                        + " 'layout': 'agenda', 'theme': 'eink', 'later_events': 0,"
                        + " 'poll_interval_seconds': 3600}}"))
            .valid();

    assertThat(s.filters())
        .isEqualTo(
            new Filters(
                List.of(TitlePattern.substring("Lunch"), new TitlePattern("^1:1", true, true)),
                true,
                false,
                List.of("me@example.com", "you@example.org"),
                true,
                false,
                true,
                List.of(TitlePattern.substring("Deep")),
                List.of("home"),
                false));
    assertThat(s.display())
        .isEqualTo(new Display("America/New_York", "12h", "agenda", "eink", 0, 3600));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'filters': {'hide_all_day': 'yes'}} | filters.hide_all_day | a boolean (true or false) | yes",
        "{'filters': {'title_patterns': {}}} | filters.title_patterns | an array of pattern objects | {}",
        "{'filters': {'title_patterns': ['x']}} | filters.title_patterns[0] | an object with pattern, regex and case_sensitive | x",
        "{'filters': {'title_patterns': [{'pattern': '  '}]}} | filters.title_patterns[0].pattern | a non-blank text | '  '",
        "{'filters': {'title_patterns': [{'regex': true}]}} | filters.title_patterns[0].pattern | a non-blank text | ",
        "{'filters': {'title_patterns': [{'pattern': 'a', 'regex': 1}]}} | filters.title_patterns[0].regex | a boolean (true or false) | 1",
        "{'filters': {'focus_time_patterns': [{'pattern': 'a', 'whole': true}]}} | filters.focus_time_patterns[0].whole | a known field (one of pattern, regex, case_sensitive) | whole",
        "{'filters': {'my_addresses': ['not an address']}} | filters.my_addresses[0] | an e-mail address such as name@example.com | not an address",
        "{'filters': {'my_addresses': [3]}} | filters.my_addresses[0] | an e-mail address such as name@example.com | 3",
        "{'filters': {'disabled_sources': ['gone']}} | filters.disabled_sources[0] | one of the configured source ids (work, home) | gone",
        "{'display': {'timezone': 'Europe/Atlantis'}} | display.timezone | an IANA time zone id such as Europe/Berlin, or null for the server's zone | Europe/Atlantis",
        "{'display': {'timezone': '+01:00'}} | display.timezone | an IANA time zone id such as Europe/Berlin, or null for the server's zone | +01:00",
        "{'display': {'clock': '13h'}} | display.clock | one of 24h, 12h | 13h",
        "{'display': {'layout': 'grid'}} | display.layout | one of whats-next, agenda | grid",
        "{'display': {'theme': 'neon'}} | display.theme | one of light, dark, eink | neon",
        "{'display': {'theme': 1}} | display.theme | one of light, dark, eink | 1",
        "{'display': {'later_events': 21}} | display.later_events | an integer from 0 to 20 | 21",
        "{'display': {'later_events': -1}} | display.later_events | an integer from 0 to 20 | -1",
        "{'display': {'later_events': 2.5}} | display.later_events | an integer from 0 to 20 | 2.5",
        "{'display': {'poll_interval_seconds': 9}} | display.poll_interval_seconds | an integer from 10 to 3600 | 9",
        "{'display': {'poll_interval_seconds': 3601}} | display.poll_interval_seconds | an integer from 10 to 3600 | 3601",
        "{'display': {'poll_interval_seconds': '60'}} | display.poll_interval_seconds | an integer from 10 to 3600 | 60",
        "{'filters': []} | filters | a JSON object | []",
        "{'colour': 'red'} | colour | a known field (one of filters, display, version) | colour",
        "{'display': {'font': 'big'}} | display.font | a known field (one of timezone, clock, layout, theme, later_events, poll_interval_seconds) | font",
      })
  void settings_brokenRule_reportsFieldRuleAndValue(
      String document, String field, String rule, String value) {
    assertThat(problems(document)).containsExactly(new FieldProblem(field, rule, value));
  }

  @Test
  void settings_invalidRegex_ruleNamesTheRegexError() {
    List<FieldProblem> p =
        problems(
            "{'filters': {'title_patterns': [{'pattern': 'ok'}, {'pattern': '(a', 'regex': true}]}}");

    assertThat(p).hasSize(1);
    assertThat(p.get(0).field()).isEqualTo("filters.title_patterns[1].pattern");
    assertThat(p.get(0).rule()).startsWith("a valid regular expression (Unclosed group");
    assertThat(p.get(0).value()).isEqualTo("(a");
  }

  @Test
  void settings_invalidRegexTextAsSubstring_isFine() {
    assertThat(problems("{'filters': {'title_patterns': [{'pattern': '(a'}]}}")).isEmpty();
  }

  @Test
  void settings_severalProblems_listsEveryOneInDocumentOrder() {
    List<FieldProblem> p =
        problems(
            "{'filters': {'hide_all_day': 1, 'disabled_sources': ['work', 'x', 'y']},"
                + " 'display': {'theme': 'neon', 'later_events': 99, 'extra': 0}}");

    assertThat(p)
        .extracting(FieldProblem::field)
        .containsExactly(
            "filters.hide_all_day",
            "filters.disabled_sources[1]",
            "filters.disabled_sources[2]",
            "display.extra",
            "display.theme",
            "display.later_events");
  }

  @Test
  void valid_withProblems_throwsListingEveryProblemAndMessages() {
    FieldReader.Bound<Settings> b =
        binder.settings(json("{'display': {'theme': 'neon', 'clock': 'x'}}"));

    assertThatThrownBy(b::valid)
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("display.clock must be one of 24h, 12h, but was 'x'")
        .hasMessageContaining("display.theme must be one of light, dark, eink, but was 'neon'")
        .extracting(e -> ((InvalidSettingsException) e).problems())
        .asList()
        .hasSize(2);
  }

  @Test
  void settings_brokenParts_leniencyGivesDefaultsForThemAndKeepsTheRest() {
    Settings s =
        binder
            .settings(
                json(
                    "{'filters': {'disabled_sources': ['gone', 'home'], 'hide_all_day': true},"
                        + " 'display': {'timezone': 'Mars/Olympus', 'theme': 'dark'}}"))
            .value();

    assertThat(s.filters().disabledSources()).containsExactly("home");
    assertThat(s.filters().hideAllDay()).isTrue();
    assertThat(s.display().timezone()).isNull();
    assertThat(s.display().theme()).isEqualTo("dark");
  }

  @Test
  void settings_nullFields_takeDefaults() {
    Settings s =
        binder
            .settings(json("{'filters': null, 'display': {'timezone': null, 'theme': null}}"))
            .valid();

    assertThat(s).isEqualTo(Settings.defaults());
  }

  @Test
  void settings_addresses_normalisedAndDeduplicated() {
    Settings s =
        binder
            .settings(
                json("{'filters': {'my_addresses': ['mailto:A@X.org', 'a@x.org', 'B@x.org']}}"))
            .valid();

    assertThat(s.filters().myAddresses()).containsExactly("a@x.org", "b@x.org");
  }

  @Test
  void settings_noSourcesConfigured_ruleSaysSo() {
    SettingsBinder none = new SettingsBinder(List::of);

    assertThat(none.settings(json("{'filters': {'disabled_sources': ['work']}}")).problems())
        .extracting(FieldProblem::rule)
        .containsExactly("one of the configured source ids (none are configured)");
  }

  @Test
  void roundTrip_serialisedSettingsBindBackToEqualSettings() throws Exception {
    Settings s =
        new Settings(
            new Filters(
                List.of(new TitlePattern("^x", true, true), TitlePattern.substring("Lunch")),
                true,
                true,
                List.of("me@example.com"),
                true,
                true,
                true,
                List.of(TitlePattern.substring("Focus")),
                List.of("work"),
                false),
            new Display("Europe/Berlin", "12h", "agenda", "dark", 3, 30));

    JsonNode written = JSON.valueToTree(s);

    assertThat(written.get("filters").has("title_patterns")).isTrue();
    assertThat(written.get("display").has("poll_interval_seconds")).isTrue();
    assertThat(binder.settings(written).valid()).isEqualTo(s);
    assertThat(binder.settings(JSON.valueToTree(Settings.defaults())).valid())
        .isEqualTo(Settings.defaults());
  }

  @Test
  void sections_acceptTopLevelVersionFromAGetButNotNested() {
    assertThat(binder.filters(json("{'version': 4, 'hide_all_day': true}")).valid().hideAllDay())
        .isTrue();
    assertThat(binder.display(json("{'version': 4, 'theme': 'dark'}")).valid().theme())
        .isEqualTo("dark");
    assertThat(problems("{'version': 3, 'display': {'version': 3}}"))
        .extracting(FieldProblem::field)
        .containsExactly("display.version");
  }

  @Test
  void hide_missingRequiredFieldsAndBadScope_listsEach() {
    HiddenBinder hidden = new HiddenBinder(binder);

    assertThat(hidden.hide(json("{'scope': 'day', 'subject': 3, 'x': 1}")).problems())
        .extracting(FieldProblem::field, FieldProblem::rule)
        .containsExactly(
            tuple("x", "a known field (one of id, scope, source_id, uid, subject)"),
            tuple("subject", "a non-blank text"),
            tuple("scope", "one of instance, series"),
            tuple("id", "a non-blank text"),
            tuple("source_id", "a non-blank text"),
            tuple("uid", "a non-blank text"));
  }

  @Test
  void importDocument_wrongFormatAndBrokenParts_listsEveryProblem() {
    HiddenBinder hidden = new HiddenBinder(binder);

    List<FieldProblem> p =
        hidden
            .importDocument(
                json(
                    "{'format': 'other', 'format_version': 2,"
                        + " 'settings': {'display': {'theme': 'neon'}},"
                        + " 'hidden_events': [{'instance_id': 'a', 'source_id': 'work'},"
                        + " {'instance_id': 'b', 'source_id': 'work', 'uid': 'u',"
                        + " 'hidden_at': 'yesterday'}]}"),
                Instant.EPOCH)
            .problems();

    assertThat(p)
        .extracting(FieldProblem::field)
        .containsExactly(
            "format",
            "format_version",
            "settings.display.theme",
            "hidden_events[0].uid",
            "hidden_events[1].hidden_at");
  }
}

package calendarbot.settings;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.Attendee;
import calendarbot.event.EventDetails;
import calendarbot.event.Instance;
import calendarbot.event.InstanceId;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisibilityTest {
  private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

  /** Everything off: nothing hidden, nothing redacted. */
  private static Filters none() {
    return filters(f -> {});
  }

  private static Filters titles(TitlePattern... patterns) {
    return filters(f -> f.titles = List.of(patterns));
  }

  /** {@link #none()} with what {@code on} sets: each test names only the switches it checks. */
  private static Filters filters(Consumer<FiltersSpec> on) {
    FiltersSpec f = new FiltersSpec();
    on.accept(f);
    return new Filters(
        f.titles,
        f.hideAllDay,
        f.hideDeclined,
        f.myAddresses,
        f.hideTransparent,
        f.hideCancelled,
        f.hideFocusTime,
        f.focusTime,
        f.disabledSources,
        f.privateAsBusy);
  }

  /** The fields of {@link Filters} by name, all off. */
  private static final class FiltersSpec {
    List<TitlePattern> titles = List.of();
    boolean hideAllDay;
    boolean hideDeclined;
    List<String> myAddresses = List.of();
    boolean hideTransparent;
    boolean hideCancelled;
    boolean hideFocusTime;
    List<TitlePattern> focusTime = List.of();
    List<String> disabledSources = List.of();
    boolean privateAsBusy;
  }

  private static EventDetails details(String title) {
    return new EventDetails(
        title, "Room 4", "Agenda", "https://x.test/m", null, null, null, null, null);
  }

  private static Instance instance(String sourceId, String uid, String recurrence, EventDetails d) {
    return instance(sourceId, uid, recurrence, false, d);
  }

  private static Instance instance(
      String sourceId, String uid, String recurrence, boolean allDay, EventDetails d) {
    return new Instance(
        InstanceId.of(sourceId, uid, recurrence == null ? "" : recurrence),
        sourceId,
        uid,
        recurrence,
        T,
        T.plusSeconds(1800),
        allDay,
        d);
  }

  /**
   * An instance of source "work" without recurrence, titled {@code title}, with only what {@code
   * with} sets among its other details (the rest null).
   */
  private static Instance work(String uid, String title, Consumer<DetailsSpec> with) {
    DetailsSpec d = new DetailsSpec();
    with.accept(d);
    return instance(
        "work",
        uid,
        null,
        new EventDetails(
            title,
            d.location,
            null,
            null,
            d.status,
            d.transparency,
            d.classification,
            null,
            d.attendees));
  }

  /** The details {@link #work} lets a test set by name. */
  private static final class DetailsSpec {
    String location;
    String status;
    String transparency;
    String classification;
    List<Attendee> attendees;
  }

  private static Instance titled(String title) {
    return instance("work", title + "@uid", null, details(title));
  }

  private static List<String> titlesOf(List<Instance> list) {
    return list.stream().map(i -> i.details().summary()).toList();
  }

  @Test
  void apply_everythingOff_keepsEveryInstanceInOrder() {
    List<Instance> in = List.of(titled("B"), titled("A"), titled("C"));

    assertThat(Visibility.of(none(), List.of()).apply(in)).containsExactlyElementsOf(in);
  }

  @Test
  void apply_defaults_keepOrdinaryInstances() {
    List<Instance> in = List.of(titled("Planning"), titled("Review"));

    assertThat(Visibility.of(Filters.defaults(), List.of()).apply(in))
        .containsExactlyElementsOf(in);
  }

  @ParameterizedTest
  @CsvSource({
    // pattern, regex, case sensitive, title, hidden
    "lunch, false, false, Team LUNCH break, true",
    "lunch, false, true, Team LUNCH break, false",
    "LUNCH, false, true, Team LUNCH break, true",
    "l.nch, false, false, Team lunch, false",
    "l.nch, true, false, Team LUNCH, true",
    "l.nch, true, true, Team LUNCH, false",
    "^Team, true, false, my team lunch, false",
    "^team, true, false, Team lunch, true",
    "ÄRGER, false, false, kein ärger, true",
    "ärger, true, false, KEIN ÄRGER, true",
  })
  void apply_titlePattern_hidesWhatMatches(
      String pattern, boolean regex, boolean caseSensitive, String title, boolean hidden) {
    Visibility v =
        Visibility.of(titles(new TitlePattern(pattern, regex, caseSensitive)), List.of());

    assertThat(v.apply(List.of(titled(title)))).hasSize(hidden ? 0 : 1);
  }

  @Test
  void apply_severalTitlePatterns_hidesWhatMatchesAnyAndKeepsOrder() {
    Visibility v =
        Visibility.of(
            titles(TitlePattern.substring("lunch"), new TitlePattern("^1:1", true, false)),
            List.of());

    List<Instance> out =
        v.apply(List.of(titled("Planning"), titled("Lunch"), titled("1:1 Anna"), titled("Retro")));

    assertThat(titlesOf(out)).containsExactly("Planning", "Retro");
  }

  @Test
  void apply_hideAllDay_onlyWhenOn() {
    Instance allDay = instance("work", "offsite", null, true, details("Offsite"));
    Instance timed = titled("Planning");
    Filters on = filters(f -> f.hideAllDay = true);

    assertThat(Visibility.of(on, List.of()).apply(List.of(allDay, timed))).containsExactly(timed);
    assertThat(Visibility.of(none(), List.of()).apply(List.of(allDay, timed)))
        .containsExactly(allDay, timed);
  }

  @Test
  void apply_hideTransparent_onlyWhenOn() {
    Instance free = work("free", "Free", d -> d.transparency = "TRANSPARENT");
    Instance busy = titled("Busy one");
    Filters on = filters(f -> f.hideTransparent = true);

    assertThat(Visibility.of(on, List.of()).apply(List.of(free, busy))).containsExactly(busy);
    assertThat(Visibility.of(none(), List.of()).apply(List.of(free, busy)))
        .containsExactly(free, busy);
  }

  @Test
  void apply_hideCancelled_hidesStatusAndOutlookPrefixesOnlyWhenOn() {
    Instance status = work("c1", "Sync", d -> d.status = "CANCELLED");
    Instance us = titled("Canceled: Planning");
    Instance uk = titled("CANCELLED: Retro");
    Instance lower = titled("cancelled:review");
    Instance notPrefix = titled("Why we cancelled: a retro");
    Instance ordinary = titled("Planning");
    List<Instance> in = List.of(status, us, uk, lower, notPrefix, ordinary);
    Filters on = filters(f -> f.hideCancelled = true);

    assertThat(Visibility.of(on, List.of()).apply(in)).containsExactly(notPrefix, ordinary);
    assertThat(Visibility.of(none(), List.of()).apply(in)).containsExactlyElementsOf(in);
  }

  @Test
  void apply_hideDeclined_hidesWhenAnyOfMyAddressesDeclined() {
    Instance declinedBySecond =
        work(
            "d1",
            "Offsite prep",
            d ->
                d.attendees =
                    List.of(
                        new Attendee("boss@example.com", null, "ACCEPTED"),
                        new Attendee("Me@Private.example", null, "DECLINED")));
    Instance declinedByOther =
        work(
            "d2",
            "Review",
            d ->
                d.attendees =
                    List.of(
                        new Attendee("boss@example.com", null, "DECLINED"),
                        new Attendee("me@work.example", null, "ACCEPTED")));
    List<String> mine = List.of("me@work.example", "me@private.example");
    Filters on =
        filters(
            f -> {
              f.hideDeclined = true;
              f.myAddresses = mine;
            });
    Filters off = filters(f -> f.myAddresses = mine);

    assertThat(Visibility.of(on, List.of()).apply(List.of(declinedBySecond, declinedByOther)))
        .containsExactly(declinedByOther);
    assertThat(Visibility.of(off, List.of()).apply(List.of(declinedBySecond, declinedByOther)))
        .containsExactly(declinedBySecond, declinedByOther);
  }

  @Test
  void apply_hideFocusTime_usesFocusPatternsOnlyWhenOn() {
    List<Instance> in = List.of(titled("Focus Time"), titled("Deep work"), titled("Planning"));
    List<TitlePattern> focus =
        List.of(TitlePattern.substring("focus time"), TitlePattern.substring("deep work"));
    Filters on =
        filters(
            f -> {
              f.hideFocusTime = true;
              f.focusTime = focus;
            });
    Filters off = filters(f -> f.focusTime = focus);

    assertThat(titlesOf(Visibility.of(on, List.of()).apply(in))).containsExactly("Planning");
    assertThat(Visibility.of(off, List.of()).apply(in)).hasSize(3);
  }

  @Test
  void apply_disabledSource_hidesOnlyThatSource() {
    Instance work = instance("work", "a", null, details("Work thing"));
    Instance home = instance("home", "a", null, details("Home thing"));
    Filters on = filters(f -> f.disabledSources = List.of("home"));

    assertThat(Visibility.of(on, List.of()).apply(List.of(work, home))).containsExactly(work);
  }

  @Test
  void apply_hiddenInstance_hidesOnlyThatInstance() {
    Instance monday = instance("work", "standup", "20261123T090000", details("Standup"));
    Instance tuesday = instance("work", "standup", "20261124T090000", details("Standup"));
    HiddenEvent hide =
        new HiddenEvent(
            HiddenEvent.INSTANCE, monday.id().value(), "work", "standup", "Standup", T.toString());

    assertThat(Visibility.of(none(), List.of(hide)).apply(List.of(monday, tuesday)))
        .containsExactly(tuesday);
  }

  @Test
  void apply_hiddenSeries_hidesEveryInstanceOfThatUidInThatSourceOnly() {
    Instance monday = instance("work", "standup", "20261123T090000", details("Standup"));
    Instance tuesday = instance("work", "standup", "20261124T090000", details("Standup"));
    Instance otherSource = instance("home", "standup", "20261123T090000", details("Standup"));
    Instance otherUid = instance("work", "retro", null, details("Retro"));
    HiddenEvent hide =
        new HiddenEvent(
            HiddenEvent.SERIES, monday.id().value(), "work", "standup", "Standup", T.toString());

    assertThat(
            Visibility.of(none(), List.of(hide))
                .apply(List.of(monday, otherSource, tuesday, otherUid)))
        .containsExactly(otherSource, otherUid);
  }

  @Test
  void apply_privateAsBusy_redactsDetailsButKeepsTimesAndId() {
    Instance secret =
        instance(
            "work",
            "p1",
            "20261123T090000",
            new EventDetails(
                "Doctor",
                "Clinic",
                "Results",
                "https://x.test",
                "TENTATIVE",
                null,
                "PRIVATE",
                "doc@example.com",
                List.of(new Attendee("me@example.com", null, "ACCEPTED"))));
    Instance confidential =
        work(
            "p2",
            "Salary",
            d -> {
              d.location = "HR";
              d.classification = "CONFIDENTIAL";
            });
    Instance open = titled("Planning");
    Filters on = filters(f -> f.privateAsBusy = true);

    List<Instance> out = Visibility.of(on, List.of()).apply(List.of(secret, confidential, open));

    assertThat(titlesOf(out)).containsExactly(Visibility.BUSY, Visibility.BUSY, "Planning");
    Instance busy = out.get(0);
    assertThat(busy.id()).isEqualTo(secret.id());
    assertThat(busy.start()).isEqualTo(secret.start());
    assertThat(busy.end()).isEqualTo(secret.end());
    assertThat(busy.recurrenceId()).isEqualTo("20261123T090000");
    assertThat(busy.details().location()).isNull();
    assertThat(busy.details().description()).isNull();
    assertThat(busy.details().url()).isNull();
    assertThat(busy.details().organizer()).isNull();
    assertThat(busy.details().attendees()).isEmpty();
    assertThat(busy.details().status()).isEqualTo("TENTATIVE");
    assertThat(out.get(2)).isSameAs(open);
    assertThat(Visibility.of(none(), List.of()).apply(List.of(secret)).get(0)).isSameAs(secret);
  }

  @Test
  void apply_privateTitleMatchingAPattern_isHiddenNotShownAsBusy() {
    Instance secret = work("p1", "Lunch", d -> d.classification = "PRIVATE");
    Filters f =
        filters(
            spec -> {
              spec.titles = List.of(TitlePattern.substring("lunch"));
              spec.privateAsBusy = true;
            });

    assertThat(Visibility.of(f, List.of()).apply(List.of(secret))).isEmpty();
  }

  @Test
  void apply_instanceWithoutTitle_matchesNoSubstringPattern() {
    Instance untitled = instance("work", "u", null, details(null));

    assertThat(
            Visibility.of(titles(TitlePattern.substring("x")), List.of()).apply(List.of(untitled)))
        .containsExactly(untitled);
  }
}

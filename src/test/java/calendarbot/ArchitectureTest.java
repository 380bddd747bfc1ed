package calendarbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the promises of docs/ARCHITECTURE.md: which package may import which library. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("calendarbot");

  @Test
  void ical4j_isImportedOnlyByIcs() {
    noClasses()
        .that()
        .resideOutsideOfPackage("calendarbot.ics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("net.fortuna..", "org.mnode..")
        .check(MAIN);
  }

  @Test
  void undertow_isImportedOnlyByWeb() {
    noClasses()
        .that()
        .resideOutsideOfPackage("calendarbot.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.undertow..", "org.xnio..")
        .check(MAIN);
  }

  @Test
  void micrometer_isImportedOnlyByMetrics() {
    noClasses()
        .that()
        .resideOutsideOfPackage("calendarbot.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micrometer..", "io.prometheus..")
        .check(MAIN);
  }

  @Test
  void jdbc_isImportedOnlyByStore() {
    noClasses()
        .that()
        .resideOutsideOfPackages("calendarbot.store..", "calendarbot.connection..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.sqlite..")
        .check(MAIN);
  }

  @Test
  void httpClient_isImportedOnlyBySourceAndConnection() {
    noClasses()
        .that()
        .resideOutsideOfPackages("calendarbot.source..", "calendarbot.connection..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.hc..")
        .check(MAIN);
  }

  @Test
  void features_neverImportWeb() {
    noClasses()
        .that()
        .resideOutsideOfPackages("calendarbot.web..", "calendarbot")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("calendarbot.web..")
        .check(MAIN);
  }

  @Test
  void domainValues_dependOnNothingElseOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("calendarbot.event..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "calendarbot.ics..",
            "calendarbot.store..",
            "calendarbot.source..",
            "calendarbot.query..",
            "calendarbot.web..",
            "calendarbot.whatsnext..")
        .check(MAIN);
  }

  @Test
  void ics_dependsOnlyOnDomainConfigAndErrors() {
    noClasses()
        .that()
        .resideInAPackage("calendarbot.ics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "calendarbot.store..",
            "calendarbot.source..",
            "calendarbot.query..",
            "calendarbot.status..",
            "calendarbot.whatsnext..",
            "calendarbot.web..")
        .check(MAIN);
  }

  @Test
  void store_knowsNothingOfParsingFetchingOrServing() {
    noClasses()
        .that()
        .resideInAPackage("calendarbot.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "calendarbot.ics..",
            "calendarbot.source..",
            "calendarbot.query..",
            "calendarbot.status..",
            "calendarbot.whatsnext..",
            "calendarbot.web..")
        .check(MAIN);
  }

  @Test
  void readSide_neverReachesIntoTheRefreshSide() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "calendarbot.query..", "calendarbot.status..", "calendarbot.whatsnext..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("calendarbot.source..", "calendarbot.web..")
        .check(MAIN);
  }

  @Test
  void config_dependsOnlyOnErrors() {
    noClasses()
        .that()
        .resideInAPackage("calendarbot.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "calendarbot.event..",
            "calendarbot.ics..",
            "calendarbot.store..",
            "calendarbot.source..",
            "calendarbot.query..",
            "calendarbot.status..",
            "calendarbot.whatsnext..",
            "calendarbot.web..")
        .check(MAIN);
  }
}

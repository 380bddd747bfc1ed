package calendarbot.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package promises of the storage layer (architecture.md). */
class StoreBoundaryTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("calendarbot");

  @Test
  void javaSql_outsideStoreAndConnection_isNeverUsed() {
    noClasses()
        .that()
        .resideOutsideOfPackages("calendarbot.store..", "calendarbot.connection..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .check(MAIN);
  }

  @Test
  void store_dependsOnNoFeatureOrIcalLibrary() {
    noClasses()
        .that()
        .resideInAPackage("calendarbot.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "calendarbot.ics..", "calendarbot.query..", "calendarbot.source..", "net.fortuna..")
        .check(MAIN);
  }
}

package calendarbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigratorTest {

  @Test
  void statements_scriptWithCommentsAndMultilineStatements_splitsAtLineEndSemicolons() {
    String script =
        "-- header\nCREATE TABLE a (\n  x TEXT -- note; not an end\n);\n\nCREATE INDEX i ON a (x);\n";

    assertThat(Migrator.statements(script))
        .containsExactly(
            "CREATE TABLE a (\n  x TEXT -- note; not an end\n);", "CREATE INDEX i ON a (x);");
  }

  @Test
  void scripts_everyListedScript_isOnTheClasspath() {
    for (String s : Migrator.SCRIPTS) {
      assertThat(Migrator.class.getResource("migrations/" + s)).as(s).isNotNull();
    }
  }
}

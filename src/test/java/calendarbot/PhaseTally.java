package calendarbot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one phase of the fault-injection run saw: its answers by kind, the states of the breakers
 * and of memory pressure in the order observed, and how it recovered. Not thread-safe.
 */
final class PhaseTally {
  final String name;
  int requests;
  int correct;
  int stale;
  int rejected;
  int wrong;
  final List<String> wrongs = new ArrayList<>();
  final Map<String, List<String>> states = new LinkedHashMap<>();
  String recovery = "";
  final long startNanos = System.nanoTime();
  long endNanos;

  PhaseTally(String name) {
    this.name = name;
  }

  void sawState(String breaker, String state) {
    List<String> seen = states.computeIfAbsent(breaker, b -> new ArrayList<>());
    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
      seen.add(state);
    }
  }

  String statesText() {
    StringBuilder b = new StringBuilder();
    states.forEach(
        (breaker, seen) -> {
          if (seen.size() > 1 || !seen.get(0).equals("CLOSED") && !seen.get(0).equals("NORMAL")) {
            b.append(b.length() == 0 ? "" : "; ")
                .append(breaker)
                .append(' ')
                .append(String.join(" → ", seen));
          }
        });
    return b.length() == 0 ? "all CLOSED" : b.toString();
  }
}

package calendarbot.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The process's resident set from {@code /proc/self/status} (Linux): {@code VmRSS} now and {@code
 * VmHWM}, its peak. Both come from one read per scrape. Not registered where the file is missing.
 */
final class ProcessMemory implements MeterBinder {
  static final Path STATUS = Path.of("/proc/self/status");

  private final Supplier<Readings> readings;

  /**
   * @param perScrape memoises the read for the length of one scrape
   */
  ProcessMemory(UnaryOperator<Supplier<Readings>> perScrape) {
    this.readings = perScrape.apply(ProcessMemory::read);
  }

  record Readings(double rssBytes, double hwmBytes) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    if (!Files.isReadable(STATUS)) {
      return;
    }
    Gauge.builder("process.memory.rss", readings, r -> r.get().rssBytes())
        .description("Resident set size (VmRSS)")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("process.memory.hwm", readings, r -> r.get().hwmBytes())
        .description("Peak resident set size (VmHWM)")
        .baseUnit("bytes")
        .register(registry);
  }

  static Readings read() {
    try {
      return parse(Files.readString(STATUS));
    } catch (IOException e) {
      return new Readings(Double.NaN, Double.NaN);
    }
  }

  /** Reads the {@code VmRSS} and {@code VmHWM} lines ({@code kB}); a missing one is NaN. */
  static Readings parse(String status) {
    double rss = Double.NaN;
    double hwm = Double.NaN;
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kib(line);
      }
    }
    return new Readings(rss, hwm);
  }

  private static double kib(String line) {
    String[] parts = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
    try {
      return Long.parseLong(parts[0]) * 1024.0;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}

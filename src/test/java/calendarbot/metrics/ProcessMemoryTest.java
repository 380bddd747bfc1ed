package calendarbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
  @Test
  void parse_statusFile_readsRssAndHwmInBytes() {
    ProcessMemory.Readings r =
        ProcessMemory.parse(
            "Name:\tjava\nVmHWM:\t  131072 kB\nVmRSS:\t   98304 kB\nThreads:\t25\n");
    assertThat(r.rssBytes()).isEqualTo(98304 * 1024.0);
    assertThat(r.hwmBytes()).isEqualTo(131072 * 1024.0);
  }

  @Test
  void parse_missingLines_areNaN() {
    ProcessMemory.Readings r = ProcessMemory.parse("Name:\tjava\n");
    assertThat(r.rssBytes()).isNaN();
    assertThat(r.hwmBytes()).isNaN();
  }
}

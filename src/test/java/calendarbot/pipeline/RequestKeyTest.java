package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RequestKeyTest {
  @Test
  void key_equivalentUtcZones_areOneKey() {
    RequestKey utc =
        RequestKey.builder(RequestType.EVENTS_BY_RANGE).put("zone", ZoneId.of("UTC")).build();
    RequestKey etc =
        RequestKey.builder(RequestType.EVENTS_BY_RANGE).put("zone", ZoneId.of("Etc/UTC")).build();
    RequestKey z =
        RequestKey.builder(RequestType.EVENTS_BY_RANGE).put("zone", ZoneId.of("Z")).build();

    assertThat(utc).isEqualTo(etc).isEqualTo(z);
  }

  @Test
  void key_defaultValue_isLeftOut() {
    RequestKey explicit =
        RequestKey.builder(RequestType.WHATS_NEXT)
            .put("layout", "whats-next", "whats-next")
            .build();
    RequestKey implicit = RequestKey.builder(RequestType.WHATS_NEXT).build();

    assertThat(explicit).isEqualTo(implicit);
    assertThat(
            RequestKey.builder(RequestType.EVENTS_BY_RANGE).put("filtered", false, false).build())
        .isEqualTo(RequestKey.builder(RequestType.EVENTS_BY_RANGE).build());
  }

  @Test
  void key_differentTypes_areDifferentKeys() {
    assertThat(RequestKey.builder(RequestType.WHATS_NEXT).build())
        .isNotEqualTo(RequestKey.builder(RequestType.STATUS).build());
  }

  @Test
  void toString_showsTypeParamsAndGeneration() {
    assertThat(RequestKey.builder(RequestType.EVENTS_BY_RANGE).put("b", "2").put("a", "1").build())
        .hasToString("events_by_range?a=1&b=2#0");
  }

  @Test
  void ofCode_roundTripsEveryType() {
    for (RequestType t : RequestType.values()) {
      assertThat(RequestType.ofCode(t.code())).isSameAs(t);
    }
    assertThat(RequestType.ofCode("nope")).isNull();
  }
}

package calendarbot.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class RequestKeyProperties {
  @Property
  void key_parameterOrder_doesNotMatter(
      @ForAll Map<@StringLength(min = 1, max = 8) String, String> params, @ForAll long seed) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
    RequestKey.Builder a = RequestKey.builder(RequestType.EVENTS_BY_RANGE);
    entries.forEach(e -> a.put(e.getKey(), e.getValue()));
    Collections.shuffle(entries, new Random(seed));
    RequestKey.Builder b = RequestKey.builder(RequestType.EVENTS_BY_RANGE);
    entries.forEach(e -> b.put(e.getKey(), e.getValue()));

    assertThat(a.build()).isEqualTo(b.build());
  }

  @Property
  void key_sameInstantInAnyOffset_isOneKey(
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond,
      @ForAll @LongRange(min = -18, max = 18) long offsetHours) {
    Instant t = Instant.ofEpochSecond(epochSecond);
    Instant viaOffset =
        t.atOffset(ZoneOffset.ofHours((int) offsetHours))
            .toLocalDateTime()
            .toInstant(ZoneOffset.ofHours((int) offsetHours));

    assertThat(RequestKey.builder(RequestType.WHATS_NEXT).put("now", t).build())
        .isEqualTo(RequestKey.builder(RequestType.WHATS_NEXT).put("now", viaOffset).build());
  }

  @Property
  void key_differentValues_areDifferentKeys(
      @ForAll String name, @ForAll String v1, @ForAll String v2) {
    net.jqwik.api.Assume.that(!v1.equals(v2));

    assertThat(RequestKey.builder(RequestType.SETTINGS).put("k" + name, v1).build())
        .isNotEqualTo(RequestKey.builder(RequestType.SETTINGS).put("k" + name, v2).build());
  }

  @Property
  void key_separatorsInValues_cannotForgeAnotherKey(@ForAll String a, @ForAll String b) {
    RequestKey one = RequestKey.builder(RequestType.SETTINGS).put("a", a + "&b=" + b).build();
    RequestKey two = RequestKey.builder(RequestType.SETTINGS).put("a", a).put("b", b).build();

    assertThat(one).isNotEqualTo(two);
  }

  @Property
  void param_returnsWhatWasPut_whateverItHolds(@ForAll String a, @ForAll String b) {
    RequestKey k = RequestKey.builder(RequestType.SETTINGS).put("a", a).put("b=&%", b).build();

    assertThat(k.param("a")).isEqualTo(a);
    assertThat(k.param("b=&%")).isEqualTo(b);
    assertThat(k.param("c")).isNull();
  }
}

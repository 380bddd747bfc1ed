package calendarbot.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The whole, validated configuration of one CalendarBot process. Built by {@link ConfigLoader} from
 * defaults, a YAML file, {@code CALENDARBOT_*} environment variables and command-line flags, in
 * that order of increasing precedence.
 *
 * @param dataDir where the SQLite database lives
 * @param displayZone zone for display; floating times and all-day dates are read in it
 * @param sources the feeds; empty means "serve the bundled demo calendar"
 */
public record AppConfig(
    ServerConfig server,
    Path dataDir,
    ZoneId displayZone,
    List<SourceConfig> sources,
    FetchConfig fetch,
    RefreshConfig refresh,
    ExpansionConfig expansion,
    ConnectionConfig connection,
    PipelineConfig pipeline,
    FlagsConfig flags,
    ResilienceConfig resilience,
    AdminConfig admin) {
  public AppConfig {
    Objects.requireNonNull(server, "server");
    Check.present("data_dir", dataDir);
    Check.present("timezone", displayZone);
    sources = List.copyOf(sources == null ? List.of() : sources);
    Set<String> ids = new HashSet<>();
    for (SourceConfig s : sources) {
      if (!ids.add(s.id())) {
        throw new calendarbot.error.ConfigException("sources[].id", "unique", s.id());
      }
    }
    Objects.requireNonNull(fetch, "fetch");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(expansion, "expansion");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(resilience, "resilience");
    Objects.requireNonNull(admin, "admin");
  }

  /** Defaults for everything, with the given data dir and zone and no sources. */
  public static AppConfig defaults(Path dataDir, ZoneId zone) {
    return new AppConfig(
        ServerConfig.defaults(),
        dataDir,
        zone,
        List.of(),
        FetchConfig.defaults(),
        RefreshConfig.defaults(),
        ExpansionConfig.defaults(),
        ConnectionConfig.defaults(),
        PipelineConfig.defaults(),
        FlagsConfig.defaults(),
        ResilienceConfig.defaults(),
        AdminConfig.defaults());
  }

  public AppConfig withServer(ServerConfig s) {
    return new AppConfig(
        s,
        dataDir,
        displayZone,
        sources,
        fetch,
        refresh,
        expansion,
        connection,
        pipeline,
        flags,
        resilience,
        admin);
  }

  public AppConfig withSources(List<SourceConfig> s) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        s,
        fetch,
        refresh,
        expansion,
        connection,
        pipeline,
        flags,
        resilience,
        admin);
  }

  public AppConfig withFetch(FetchConfig f) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        f,
        refresh,
        expansion,
        connection,
        pipeline,
        flags,
        resilience,
        admin);
  }

  public AppConfig withRefresh(RefreshConfig r) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        fetch,
        r,
        expansion,
        connection,
        pipeline,
        flags,
        resilience,
        admin);
  }

  public AppConfig withExpansion(ExpansionConfig e) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        fetch,
        refresh,
        e,
        connection,
        pipeline,
        flags,
        resilience,
        admin);
  }

  public AppConfig withPipeline(PipelineConfig p) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        fetch,
        refresh,
        expansion,
        connection,
        p,
        flags,
        resilience,
        admin);
  }

  public AppConfig withConnection(ConnectionConfig c) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        fetch,
        refresh,
        expansion,
        c,
        pipeline,
        flags,
        resilience,
        admin);
  }

  public AppConfig withFlags(FlagsConfig f) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        fetch,
        refresh,
        expansion,
        connection,
        pipeline,
        f,
        resilience,
        admin);
  }

  public AppConfig withResilience(ResilienceConfig r) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        fetch,
        refresh,
        expansion,
        connection,
        pipeline,
        flags,
        r,
        admin);
  }

  public AppConfig withAdmin(AdminConfig a) {
    return new AppConfig(
        server,
        dataDir,
        displayZone,
        sources,
        fetch,
        refresh,
        expansion,
        connection,
        pipeline,
        flags,
        resilience,
        a);
  }
}

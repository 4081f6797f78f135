package dev.bulwark.server.cli;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the configuration comes from: {@code --config}, else {@code ./bulwark.yaml} if present, else defaults. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, description = "configuration file (default: ./bulwark.yaml if present)")
    Path config;

    @Option(names = {"-d", "--data"}, description = "data directory (overrides the configuration)")
    String dataDir;

    BulwarkConfig load() {
        BulwarkConfig loaded;
        if (config != null) {
            loaded = new ConfigLoader().load(config);
        } else if (Files.exists(Path.of("bulwark.yaml"))) {
            loaded = new ConfigLoader().load(Path.of("bulwark.yaml"));
        } else {
            loaded = BulwarkConfig.defaults();
        }
        return dataDir == null ? loaded : loaded.withDataDir(dataDir);
    }
}

package dev.bulwark.identity;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoresTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    DataSource dataSource() {
        return Fixture.sqlite(dir.resolve("state.db"));
    }
}

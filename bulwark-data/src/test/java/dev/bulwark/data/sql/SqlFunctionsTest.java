package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The function list is per dialect and configurable, and dangerous functions stay refused whatever is configured. */
class SqlFunctionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"pg_read_file", "lo_import", "dblink", "dblink_exec", "set_config", "load_extension",
            "query_to_xml", "current_setting", "bulwark_hmac_sha256", "sqlite_version", "table_to_xml",
            "has_table_privilege", "readfile"})
    void neverAllowsDangerousFunctionsEvenWhenConfigured(String name) {
        for (SqlDialect dialect : SqlDialect.values()) {
            assertThatThrownBy(() -> SqlFunctions.configured(dialect, Set.of(name), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can never be allowed");
            assertThat(SqlFunctions.defaults(dialect).allows(name)).isFalse();
        }
    }

    @Test
    void defaultsDifferByDialect() {
        assertThat(SqlFunctions.defaults(SqlDialect.SQLITE).allows("group_concat")).isTrue();
        assertThat(SqlFunctions.defaults(SqlDialect.POSTGRESQL).allows("group_concat")).isFalse();
        assertThat(SqlFunctions.defaults(SqlDialect.POSTGRESQL).allows("json_build_object")).isTrue();
        assertThat(SqlFunctions.defaults(SqlDialect.SQLITE).allows("json_build_object")).isFalse();
    }

    @Test
    void configurationAddsAndRemoves() throws Exception {
        SqlFunctions functions = SqlFunctions.configured(SqlDialect.POSTGRESQL, Set.of("similarity"), Set.of("md5"));
        assertThat(functions.allows("similarity")).isTrue();
        assertThat(functions.allows("md5")).isFalse();
        RowSecurity rowSecurity = new RowSecurity(Fixtures.policy(), SqlDialect.POSTGRESQL, SqlLimits.DEFAULT,
                functions, Fixtures.HASH_KEY);
        assertThatThrownBy(() -> rowSecurity.plan("SELECT md5(name) FROM products", Fixtures.support(), 10))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("function not allowed: md5");
        assertThat(rowSecurity.plan("SELECT similarity(name, 'x') FROM products", Fixtures.support(), 10).sql())
                .contains("similarity(name, 'x')");
    }

    @Test
    void namesGroupingConstructsAsSuch() {
        RowSecurity sqlite = Fixtures.rowSecurity(Fixtures.policy(), SqlDialect.SQLITE, SqlLimits.DEFAULT);
        assertThatThrownBy(() -> sqlite.plan("SELECT region FROM orders GROUP BY ROLLUP (region)",
                Fixtures.support(), 10)).hasMessageContaining("not supported by SQLite");
        assertThatThrownBy(() -> sqlite.plan("SELECT rollup(region) FROM orders", Fixtures.support(), 10))
                .hasMessageContaining("ROLLUP is not a function");
        assertThatThrownBy(() -> sqlite.plan("SELECT group_concat(name SEPARATOR ',') FROM products",
                Fixtures.support(), 10)).hasMessageContaining("GROUP_CONCAT with the SEPARATOR keyword");
    }
}

package dev.bulwark.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;

/** A data source that opens a new connection from a JDBC URL each time, through {@link DriverManager}; no pool. */
public final class JdbcUrlDataSource extends PlainDataSource {
    private final String url;
    private final Properties properties;

    public JdbcUrlDataSource(String url, Properties properties) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + url);
        }
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(Objects.requireNonNull(properties, "properties"));
    }

    public JdbcUrlDataSource(String url) {
        this(url, new Properties());
    }

    /** A SQLite file in WAL mode whose writers wait up to ten seconds for each other, as the gateway opens it. */
    public static JdbcUrlDataSource sqliteWal(Path file) {
        Properties pragmas = new Properties();
        pragmas.setProperty("journal_mode", "WAL");
        pragmas.setProperty("busy_timeout", "10000");
        return new JdbcUrlDataSource("jdbc:sqlite:" + file, pragmas);
    }

    public String url() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    /** Refused: one data source stands for one login, so no test reaches the database as someone else by mistake. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("give the credentials in the URL or the properties");
    }

    @Override
    public String toString() {
        return "JdbcUrlDataSource[" + url + "]"; // never the properties: they may hold a password
    }
}

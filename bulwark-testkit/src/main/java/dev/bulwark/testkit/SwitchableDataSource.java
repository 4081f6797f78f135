package dev.bulwark.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A data source whose database a test can cut off and bring back. While cut off, new connections are refused and
 * every call on a connection already handed out fails, except {@code close}: an outage as the code under test sees it.
 */
public final class SwitchableDataSource extends PlainDataSource {
    private final DataSource real;
    private volatile boolean cutOff;

    public SwitchableDataSource(DataSource real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    /** From now on the database is unreachable. */
    public void cutOff() {
        cutOff = true;
    }

    /** The database is reachable again. */
    public void reconnect() {
        cutOff = false;
    }

    public boolean isCutOff() {
        return cutOff;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileCutOff("database unreachable");
        return failingWhileCutOff(real.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        refuseWhileCutOff("database unreachable");
        return failingWhileCutOff(real.getConnection(user, password));
    }

    private void refuseWhileCutOff(String what) throws SQLException {
        if (cutOff) {
            throw new SQLException("injected outage: " + what);
        }
    }

    private Connection failingWhileCutOff(Connection connection) {
        return (Connection) Proxy.newProxyInstance(SwitchableDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    // closing must still work: code under test releases its connections when a call fails
                    if (!method.getName().equals("close")) {
                        refuseWhileCutOff("connection lost");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

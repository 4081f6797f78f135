package dev.bulwark.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A pool of one physical connection, lent again and again as a pool's wrapper (closing the wrapper gives it back,
 * unwrapping it gives the physical connection) and replaced when found closed, as a pool evicts a broken one. It
 * records every statement prepared on its physical connections, for tests of statements kept per connection.
 */
public final class OneConnectionPool extends PlainDataSource {
    private final DataSource source;
    private final List<PreparedStatement> prepared = new ArrayList<>();
    private Connection physical;
    private int physicalConnections;

    public OneConnectionPool(DataSource source) {
        this.source = source;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (physical == null || physical.isClosed()) {
            Connection raw = source.getConnection();
            physicalConnections++;
            physical = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(raw, method, args);
                        if (method.getName().equals("prepareStatement")) {
                            synchronized (this) {
                                prepared.add((PreparedStatement) result);
                            }
                        }
                        return result;
                    });
        }
        Connection lent = physical;
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "unwrap" -> lent;
                    default -> invoke(lent, method, args);
                });
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    /** Every statement prepared on this pool's physical connections so far, in order. */
    public synchronized List<PreparedStatement> prepared() {
        return List.copyOf(prepared);
    }

    /** How many physical connections the pool has opened. */
    public synchronized int physicalConnections() {
        return physicalConnections;
    }

    /** Closes the physical connection under its borrowers, as a network failure or a server restart would. */
    public synchronized void breakConnection() throws SQLException {
        physical.close();
    }

    private static Object invoke(Connection target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

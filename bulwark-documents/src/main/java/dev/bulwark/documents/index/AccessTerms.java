package dev.bulwark.documents.index;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The ACL vocabulary of the index: {@code p:<id>} for a user or agent, {@code g:<name>} for a group or role. A chunk
 * is readable by a subject holding any of its terms. Under delegation both the agent and the user must hold one, so
 * the filter is the conjunction of two term sets: the effective permission is their intersection.
 */
public final class AccessTerms {
    static final String FIELD = "acl";

    private AccessTerms() {}

    public static String principal(String id) {
        return "p:" + id;
    }

    public static String group(String name) {
        return "g:" + name;
    }

    /** The filter clause selecting only chunks the principal may read; used as a FILTER inside every search. */
    public static Query filterFor(Principal caller) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        filter.add(anyOf(termsOf(caller.agent())), BooleanClause.Occur.FILTER);
        caller.user().ifPresent(user -> filter.add(anyOf(termsOf(user)), BooleanClause.Occur.FILTER));
        return filter.build();
    }

    static Set<String> termsOf(Agent agent) {
        Set<String> terms = new LinkedHashSet<>();
        terms.add(principal(agent.id()));
        agent.roles().forEach(role -> terms.add(group(role)));
        return terms;
    }

    static Set<String> termsOf(User user) {
        Set<String> terms = new LinkedHashSet<>();
        terms.add(principal(user.id()));
        user.roles().forEach(role -> terms.add(group(role)));
        return terms;
    }

    private static Query anyOf(Set<String> terms) {
        List<BytesRef> values = new ArrayList<>(terms.size());
        terms.forEach(t -> values.add(new BytesRef(t)));
        return new TermInSetQuery(FIELD, values);
    }

    static Term term(String value) {
        return new Term(FIELD, value);
    }
}

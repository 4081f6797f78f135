package dev.bulwark.policy;

import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.session.SessionFacts;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/** Builds the Cedar {@code context} record of a call, shared by the agent's and the user's evaluation. */
final class RequestContext {
    private RequestContext() {
    }

    static Map<String, Value> of(DecisionRequest request, EntityUID agent) throws ArgumentConversion.Refused {
        Map<String, Value> context = new HashMap<>(8);
        context.put("arguments", ArgumentConversion.toRecord(request.arguments()));
        context.put("session", session(request.session()));
        ZonedDateTime utc = request.time().atZone(ZoneOffset.UTC);
        CedarMap time = new CedarMap();
        time.put("epochSecond", new PrimLong(request.time().getEpochSecond()));
        time.put("hourUtc", new PrimLong(utc.getHour()));
        time.put("dayOfWeekUtc", new PrimLong(utc.getDayOfWeek().getValue()));
        context.put("time", time);
        context.put("delegated", new PrimBool(request.principal().delegated()));
        context.put("agent", agent);
        // Absent, not empty, when no flow step ran, so no policy can mistake "not traced" for "traced clean".
        if (!request.flow().isEmpty()) {
            context.put("flow", ArgumentConversion.toRecord(request.flow(), "flow"));
        }
        return context;
    }

    private static CedarMap session(SessionFacts session) {
        CedarMap out = new CedarMap();
        out.put("id", new PrimString(session.id()));
        out.put("callCount", new PrimLong(session.callCount()));
        out.put("labels", ToolEntities.strings(session.labelsSeen()));
        out.put("recentTools", ToolEntities.strings(session.recentTools()));
        // Cedar has no floating point; risk is carried in thousandths, saturating at Long.MAX_VALUE.
        out.put("riskMillis", new PrimLong(Math.round(session.risk() * 1000)));
        return out;
    }
}

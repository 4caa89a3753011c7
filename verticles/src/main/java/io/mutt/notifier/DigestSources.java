package io.mutt.notifier;

import io.mutt.contract.ConsumerGroups;
import io.mutt.contract.RedisKeys;
import io.mutt.contract.StreamFields;
import io.mutt.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what the next message must tell, from Redis, and remembers what was told, in the hash
 * {@code mutt:notify:state} (so a new sender continues where the last one stopped): {@code
 * dead_head} (the newest dead letter already reported), {@code dlq:<name>} (the length last
 * reported), {@code fallback_cursor} (the last alert-stream id looked at while the circuit was
 * open; {@code fallback_cursor:<p>} for alert-stream partition p > 0, ADR 0031).
 */
final class DigestSources {

  static final int DEAD_LOOK = 10_000;
  static final int DEAD_PAGE = 500;
  static final int FALLBACK_LOOK = 200;

  /**
   * Deletes fallback alerts from an alert stream, but only while the circuit is still OPEN and only
   * entries the forwarders' group has not read yet (newer than its last-delivered id): an alert is
   * either sent by the notifier instead of Moogsoft, or delivered by a forwarder, never lost
   * between the two. KEYS[1] = the stream, KEYS[2] = the circuit state; without KEYS[2] (a
   * partition in another Redis Cluster slot than the circuit) the caller has checked the state just
   * before, and an alert deleted just after Moogsoft recovered was still sent by the notifier.
   */
  static final LuaScript TAKE_OVER =
      new LuaScript(
          """
      if KEYS[2] and redis.call('GET', KEYS[2]) ~= 'OPEN' then return -1 end
      local last = '0-0'
      local ok, groups = pcall(redis.call, 'XINFO', 'GROUPS', KEYS[1])
      if ok then
        for _, g in ipairs(groups) do
          local name, ld
          for i = 1, #g, 2 do
            if g[i] == 'name' then name = g[i + 1] elseif g[i] == 'last-delivered-id' then ld = g[i + 1] end
          end
          if name == ARGV[1] then last = ld end
        end
      end
      local lm, ls = string.match(last, '(%d+)-(%d+)')
      lm = tonumber(lm); ls = tonumber(ls)
      local n = 0
      for i = 2, #ARGV do
        local m, s = string.match(ARGV[i], '(%d+)-(%d+)')
        m = tonumber(m); s = tonumber(s)
        if m > lm or (m == lm and s > ls) then n = n + redis.call('XDEL', KEYS[1], ARGV[i]) end
      end
      return n
      """);

  private final Redis redis;
  private final RedisKeys keys;
  private final NotifierSettings settings;

  DigestSources(Redis redis, RedisKeys keys, NotifierSettings settings) {
    this.redis = redis;
    this.keys = keys;
    this.settings = settings;
  }

  /** A pending digest and how to mark it told. */
  record Pending(Digest digest, Map<String, String> told) {}

  Future<Pending> collect() {
    Map<String, String> told = new LinkedHashMap<>();
    return redis
        .send(Request.cmd(Command.HGETALL).arg(keys.notifyState))
        .compose(
            stateResp -> {
              Map<String, String> state = new LinkedHashMap<>();
              if (stateResp != null) {
                for (String k : stateResp.getKeys()) {
                  state.put(k, stateResp.get(k).toString());
                }
              }
              Future<DeadPart> dead = deadLetters(state, told);
              Future<Map<String, Long>> dlqs = grownDlqs(state, told);
              Future<List<Digest.FallbackAlert>> fallback = fallback(state, told);
              return Future.all(dead, dlqs, fallback)
                  .map(
                      v ->
                          new Pending(
                              new Digest(
                                  dead.result().count(),
                                  dead.result().atLeast(),
                                  dead.result().samples(),
                                  dlqs.result(),
                                  fallback.result(),
                                  settings.dlqThreshold()),
                              told));
            });
  }

  private record DeadPart(long count, boolean atLeast, List<String> samples) {}

  private Future<DeadPart> deadLetters(Map<String, String> state, Map<String, String> told) {
    String head = state.get("dead_head");
    return redis
        .send(Request.cmd(Command.LINDEX).arg(keys.deadLetters).arg(0))
        .compose(
            first -> {
              if (first == null || first.toString().equals(head)) {
                return Future.succeededFuture(new DeadPart(0, false, List.of()));
              }
              if (head == null) {
                // First look: what was there before the notifier ran is reported by DLQ growth.
                return redis
                    .send(
                        Request.cmd(Command.HSETNX)
                            .arg(keys.notifyState)
                            .arg("dead_head")
                            .arg(first.toString()))
                    .map(r -> new DeadPart(0, false, List.of()));
              }
              told.put("dead_head", first.toString());
              return countUntil(head, 0, new ArrayList<>());
            });
  }

  /** Pages from the newest entry until the last reported one (at most {@link #DEAD_LOOK}). */
  private Future<DeadPart> countUntil(String head, int from, List<String> samples) {
    return redis
        .send(Request.cmd(Command.LRANGE).arg(keys.deadLetters).arg(from).arg(from + DEAD_PAGE - 1))
        .compose(
            page -> {
              int n = 0;
              for (Response r : page) {
                String entry = r.toString();
                if (entry.equals(head)) {
                  return Future.succeededFuture(new DeadPart(from + n, false, samples));
                }
                if (samples.size() < settings.samples()) {
                  samples.add(shorten(entry));
                }
                n++;
              }
              int seen = from + n;
              if (n < DEAD_PAGE || seen >= DEAD_LOOK) {
                return Future.succeededFuture(new DeadPart(seen, n == DEAD_PAGE, samples));
              }
              return countUntil(head, seen, samples);
            });
  }

  private Future<Map<String, Long>> grownDlqs(Map<String, String> state, Map<String, String> told) {
    List<Future<Response>> lens = new ArrayList<>();
    for (String name : RedisKeys.DLQ_NAMES) {
      lens.add(redis.send(Request.cmd(Command.LLEN).arg(keys.dlq(name))));
    }
    return Future.all(lens)
        .map(
            v -> {
              Map<String, Long> grown = new LinkedHashMap<>();
              for (int i = 0; i < lens.size(); i++) {
                String name = RedisKeys.DLQ_NAMES.get(i);
                long len = lens.get(i).result() == null ? 0 : lens.get(i).result().toLong();
                long reported = Long.parseLong(state.getOrDefault("dlq:" + name, "0"));
                if (len > settings.dlqThreshold() && len > reported) {
                  grown.put(name, len);
                  told.put("dlq:" + name, String.valueOf(len));
                } else if (len <= settings.dlqThreshold() && reported != 0) {
                  told.put("dlq:" + name, "0");
                }
              }
              return grown;
            });
  }

  private Future<List<Digest.FallbackAlert>> fallback(
      Map<String, String> state, Map<String, String> told) {
    if (!settings.fallbackEnabled()) {
      return Future.succeededFuture(List.of());
    }
    return circuitOpen()
        .compose(
            open -> {
              if (!open) {
                return Future.succeededFuture(List.of());
              }
              List<Future<Response>> ranges = new ArrayList<>();
              for (RedisKeys.AlertSlot slot : keys.alertPartitions) {
                String cursor = state.getOrDefault(cursorField(slot), "0-0");
                ranges.add(
                    lastDelivered(slot.stream())
                        .compose(
                            delivered ->
                                redis.send(
                                    Request.cmd(Command.XRANGE)
                                        .arg(slot.stream())
                                        .arg("(" + later(delivered, cursor))
                                        .arg("+")
                                        .arg("COUNT")
                                        .arg(FALLBACK_LOOK))));
              }
              return Future.all(ranges)
                  .map(
                      v -> {
                        List<Digest.FallbackAlert> out = new ArrayList<>();
                        for (int p = 0; p < ranges.size(); p++) {
                          pick(keys.alertPartitions.get(p), ranges.get(p).result(), told, out);
                        }
                        return out;
                      });
            });
  }

  private Future<Boolean> circuitOpen() {
    return redis
        .send(Request.cmd(Command.GET).arg(keys.circuitState))
        .map(s -> s != null && "OPEN".equals(s.toString()));
  }

  /** The state field holding the fallback cursor of an alert-stream partition. */
  private static String cursorField(RedisKeys.AlertSlot slot) {
    return slot.partition() == 0 ? "fallback_cursor" : "fallback_cursor:" + slot.partition();
  }

  /** Adds to {@code out} the alerts of one partition's range the fallback wants. */
  private void pick(
      RedisKeys.AlertSlot slot,
      Response range,
      Map<String, String> told,
      List<Digest.FallbackAlert> out) {
    if (range == null) {
      return;
    }
    String lastId = null;
    for (Response entry : range) {
      String id = entry.get(0).toString();
      lastId = id;
      Response fields = entry.get(1);
      String payload = null;
      for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
        if (StreamFields.PAYLOAD.equals(fields.get(i).toString())) {
          payload = fields.get(i + 1).toString();
        }
      }
      JsonObject alert;
      try {
        alert = payload == null ? null : new JsonObject(payload);
      } catch (RuntimeException e) {
        alert = null;
      }
      if (alert == null) {
        continue;
      }
      String severity = String.valueOf(alert.getValue("severity", ""));
      String team = String.valueOf(alert.getValue("team_assignment", ""));
      if (settings.fallbackWants(severity, team) && out.size() < settings.samples() * 10) {
        out.add(
            new Digest.FallbackAlert(
                slot.stream(),
                id,
                String.valueOf(alert.getValue("_event_id", id)),
                String.valueOf(alert.getValue("hostname", "?")),
                team,
                severity,
                shorten(String.valueOf(alert.getValue("message_body", "")))));
      }
    }
    if (lastId != null) {
      told.put(cursorField(slot), lastId);
    }
  }

  /** The forwarders' group's last-delivered id on an alert stream ("0-0" when none). */
  private Future<String> lastDelivered(String stream) {
    return redis
        .send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream))
        .map(
            groups -> {
              if (groups != null) {
                for (Response g : groups) {
                  String name = null;
                  String last = null;
                  if (g.type() == io.vertx.redis.client.ResponseType.MULTI
                      && g.getKeys() != null
                      && !g.getKeys().isEmpty()
                      && g.containsKey("name")) {
                    name = g.get("name").toString();
                    last = g.get("last-delivered-id").toString();
                  } else {
                    for (int i = 0; i + 1 < g.size(); i += 2) {
                      String k = g.get(i).toString();
                      if (k.equals("name")) {
                        name = g.get(i + 1).toString();
                      } else if (k.equals("last-delivered-id")) {
                        last = g.get(i + 1).toString();
                      }
                    }
                  }
                  if (ConsumerGroups.FORWARDER.equals(name) && last != null) {
                    return last;
                  }
                }
              }
              return "0-0";
            })
        .otherwise("0-0");
  }

  /**
   * Removes the alerts sent by the notifier from their streams (mode {@code instead}), one script
   * call per stream; with several partitions the circuit is checked once before, since the
   * partitions and the circuit state may sit in different Redis Cluster slots.
   */
  Future<Long> takeOver(List<Digest.FallbackAlert> sent) {
    if (sent.isEmpty() || settings.fallbackAlsoMoog()) {
      return Future.succeededFuture(0L);
    }
    Map<String, List<Object>> byStream = new LinkedHashMap<>();
    for (Digest.FallbackAlert a : sent) {
      byStream
          .computeIfAbsent(a.stream(), k -> new ArrayList<>(List.of(ConsumerGroups.FORWARDER)))
          .add(a.streamId());
    }
    if (!keys.partitions.partitioned()) {
      return TAKE_OVER
          .run(redis, List.of(keys.alertQueue, keys.circuitState), byStream.get(keys.alertQueue))
          .map(Response::toLong);
    }
    return circuitOpen()
        .compose(
            open -> {
              if (!open) {
                return Future.succeededFuture(-1L);
              }
              List<Future<Long>> calls = new ArrayList<>();
              byStream.forEach(
                  (stream, args) ->
                      calls.add(TAKE_OVER.run(redis, List.of(stream), args).map(Response::toLong)));
              return Future.all(calls).map(v -> calls.stream().mapToLong(Future::result).sum());
            });
  }

  /** Marks what was told. */
  Future<Void> remember(Map<String, String> told) {
    if (told.isEmpty()) {
      return Future.succeededFuture();
    }
    Request r = Request.cmd(Command.HSET).arg(keys.notifyState);
    told.forEach((k, v) -> r.arg(k).arg(v));
    return redis.send(r).mapEmpty();
  }

  static String later(String a, String b) {
    long[] x = parse(a);
    long[] y = parse(b);
    return x[0] > y[0] || (x[0] == y[0] && x[1] >= y[1]) ? a : b;
  }

  private static long[] parse(String id) {
    int dash = id.indexOf('-');
    if (dash < 0) {
      return new long[] {Long.parseLong(id), 0};
    }
    return new long[] {
      Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))
    };
  }

  static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }
}

# gc.callbacks: callables invoked with ("start"|"stop", info) around every
# collection.
import gc

gc.disable()
gc.collect()
print("callbacks is a list:", type(gc.callbacks).__name__, gc.callbacks == [])

records = []
key_sets = []


def recorder(phase, info):
    records.append((phase, info["generation"]))
    key_sets.append(sorted(info.keys()))


gc.callbacks.append(recorder)
print("registered:", len(gc.callbacks), gc.callbacks[0] is recorder)
gc.collect()
gc.collect(0)
print("records:", records)
print("keys:", key_sets)
gc.collect(1)
print("after collect(1):", records[4:])

# The 'stop' info reports what was collected.
stops = []


def stop_watcher(phase, info):
    if phase == "stop":
        stops.append((info["generation"], info["collected"], info["uncollectable"]))


gc.callbacks.append(stop_watcher)
a = []
b = [a]
a.append(b)
del a, b
n = gc.collect()
print("collect returned:", n)
print("stop info:", stops)
print("recorder saw:", records[-2:])
d = {}
d["d"] = d
del d
gc.collect()
print("stop info:", stops)

gc.callbacks.remove(stop_watcher)
gc.callbacks.remove(recorder)
print("removed:", gc.callbacks)
count = len(records)
gc.collect()
print("no more records:", len(records) == count)

# Several callbacks run in list order.
order = []
gc.callbacks.append(lambda phase, info: order.append("first " + phase))
gc.callbacks.append(lambda phase, info: order.append("second " + phase))
gc.collect()
print("order:", order)
gc.callbacks.clear()
gc.collect()
print("after clear:", order, gc.callbacks)
gc.enable()

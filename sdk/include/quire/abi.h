/* The plain-C boundary between the quire engine and a stage plugin.
 *
 * A plugin exports exactly one symbol, `quire_plugin_v<ABI major>` (see QUIRE_ENTRY_SYMBOL),
 * returning a pointer to a static quire_plugin_descriptor. The engine reads and checks every
 * field of the descriptor before it calls any C++ in the plugin, so a plugin built for another
 * ABI, another standard library or a broken build is refused with a message, never a crash.
 *
 * Rules for changing this file: adding fields at the end bumps QUIRE_ABI_MINOR (old plugins stay
 * loadable: the engine reads only `struct_size` bytes); any other change bumps QUIRE_ABI_MAJOR,
 * which also renames the entry symbol. Only C types appear here.
 */
#ifndef QUIRE_ABI_H_
#define QUIRE_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QUIRE_ABI_MAJOR 1
#define QUIRE_ABI_MINOR 2 /* 1: Context::http_get; 2: QUIRE_CONFIG_PATH */

#define QUIRE_STRINGIFY_IMPL(x) #x
#define QUIRE_STRINGIFY(x) QUIRE_STRINGIFY_IMPL(x)
#define QUIRE_CONCAT_IMPL(a, b) a##b
#define QUIRE_CONCAT(a, b) QUIRE_CONCAT_IMPL(a, b)
/* The entry symbol carries the ABI major in its name, so a mismatch is visible without a call. */
#define QUIRE_ENTRY_NAME QUIRE_CONCAT(quire_plugin_v, QUIRE_ABI_MAJOR)
#define QUIRE_ENTRY_SYMBOL "quire_plugin_v" QUIRE_STRINGIFY(QUIRE_ABI_MAJOR)

/* Types a config field may declare; the engine checks workflow values against them. */
typedef enum quire_config_type {
  QUIRE_CONFIG_STRING = 1,
  QUIRE_CONFIG_INT = 2,
  QUIRE_CONFIG_FLOAT = 3, /* accepts integers too */
  QUIRE_CONFIG_BOOL = 4,
  QUIRE_CONFIG_STRING_LIST = 5,
  QUIRE_CONFIG_LIST = 6,  /* an array of anything */
  QUIRE_CONFIG_TABLE = 7, /* a nested table, checked by the plugin itself */
  QUIRE_CONFIG_PATH = 8   /* a string naming a local file or directory (ABI 1.2): a relative
                             one is read against the workflow file's directory, or against the
                             current directory when given with --set (Context::get_path) */
} quire_config_type;

/* One key a stage accepts in its `config` table. Unknown keys are workflow errors. */
typedef struct quire_config_field {
  const char* key;
  int32_t type;             /* a quire_config_type */
  int32_t required;         /* non-zero: the workflow must set it */
  const char* default_json; /* JSON text of the default, or NULL for none */
  const char* help;         /* one line for `quire plugins` */
} quire_config_field;

/* Stage flags. */
#define QUIRE_STAGE_NETWORK 0x1u  /* may use the network when the context allows it */
#define QUIRE_STAGE_VOLATILE 0x2u /* a fresh run always reruns it (e.g. a daily listing) */
#define QUIRE_STAGE_LOCAL_FILES                             \
  0x4u /* reads local files named in its config: every run, \
          --no-fresh included, reruns it (cheap; no network) */

/* Results of quire_plugin_descriptor::run. */
#define QUIRE_RUN_OK 0
#define QUIRE_RUN_FAILED 1
#define QUIRE_RUN_CACHE_MISS 3 /* needed something only the network has, under --no-fresh */
#define QUIRE_RUN_CANCELLED 4

typedef struct quire_plugin_descriptor {
  /* Fixed header, read first: never reordered. */
  uint32_t abi_major;
  uint32_t abi_minor;
  uint32_t struct_size; /* sizeof(quire_plugin_descriptor) as the plugin saw it */
  uint32_t flags;       /* QUIRE_STAGE_* */

  const char* name;        /* plugin name used in workflows, e.g. "arxiv-fetch" */
  const char* version;     /* the plugin's own version; part of every cache key */
  const char* sdk_version; /* QUIRE_SDK_VERSION_STRING at build time */
  const char* compiler;    /* e.g. "gcc 12.2.0"; informational */
  const char* stdlib;      /* e.g. "libstdc++ cxx11abi=1"; must match the engine */
  const char* summary;     /* one line for `quire plugins` */

  const quire_config_field* config_fields;
  uint32_t config_field_count;

  /* Life cycle, all exception-free. create() returns NULL on failure. run() receives the
   * engine's quire::Context as an opaque pointer and writes a NUL-terminated message into
   * `error` (capacity `error_size`) when it does not return QUIRE_RUN_OK. */
  void* (*create)(void);
  void (*destroy)(void* stage);
  int32_t (*run)(void* stage, void* context, char* error, size_t error_size);
} quire_plugin_descriptor;

typedef const quire_plugin_descriptor* (*quire_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* QUIRE_ABI_H_ */

/* version — the program's version, sent in the default User-Agent. */
#ifndef RW_VERSION_H
#define RW_VERSION_H

#define RW_VERSION "0.1.0"
#define RW_URL "https://github.com/rightswatch/rightswatch"

#endif

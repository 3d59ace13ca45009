// The one error hierarchy of libaisearch. The CLIs map each type to an exit
// code (see docs/manual.md); library users can catch aisearch::Error.
#pragma once

#include <stdexcept>
#include <string>

namespace aisearch {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The query text cannot be parsed (unbalanced quote, unknown field, ...).
class QuerySyntaxError : public Error {
public:
    using Error::Error;
};

// The database is missing, unreadable or corrupt.
class DatabaseError : public Error {
public:
    using Error::Error;
};

// A stored record cannot be read back: the database is damaged. The
// message ends with the remedy, since a search cannot repair it.
class CorruptDatabaseError : public DatabaseError {
public:
    explicit CorruptDatabaseError(const std::string& what)
        : DatabaseError(what + " (rebuild the database with aisearch-index --full)") {}
};

// Another writer holds the database lock.
class DatabaseLockedError : public DatabaseError {
public:
    using DatabaseError::DatabaseError;
};

// One input (a file, a record) cannot be used; the others still can.
class InputError : public Error {
public:
    using Error::Error;
};

// A data file of aisearch itself (lexicon, particle list) is missing or bad.
class ResourceError : public Error {
public:
    using Error::Error;
};

}  // namespace aisearch

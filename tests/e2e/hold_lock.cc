// Test helper: holds the write lock of a Xapian database until killed, so
// the end-to-end tests can check what a second indexer does.
#include <xapian.h>

#include <iostream>
#include <thread>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OPEN);
    std::cout << "locked" << std::endl;
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

package io.tai2.state;

class MemoryStateStoreTest extends StateStoreContract {

  @Override
  StateStore newStore() {
    return new MemoryStateStore();
  }

  @Override
  void closeStore(StateStore store) {
    ((MemoryStateStore) store).close();
  }
}

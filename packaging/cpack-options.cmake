# Read by cpack for each generator: the .deb installs into /usr, the .tar.gz holds a /usr/local tree
# (sudo tar -C / --strip-components=1 -xzf tsgdesk-VERSION-Linux.tar.gz).
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_INSTALL_PREFIX /usr)
else()
  set(CPACK_INSTALL_PREFIX /usr/local)
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX ${CPACK_INSTALL_PREFIX})

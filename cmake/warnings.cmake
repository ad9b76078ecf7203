# Compiler warnings and sanitizers, applied to our own targets through interface libraries.
add_library(kiosk_warnings INTERFACE)
target_compile_options(kiosk_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${KIOSK_WERROR}>:-Werror>)

add_library(kiosk_sanitizers INTERFACE)
if(KIOSK_FUZZ)
  target_compile_options(kiosk_sanitizers INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(kiosk_sanitizers INTERFACE -fsanitize=address,undefined)
elseif(KIOSK_SANITIZE)
  target_compile_options(kiosk_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(kiosk_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

add_library(kiosk_options INTERFACE)
target_link_libraries(kiosk_options INTERFACE kiosk_warnings kiosk_sanitizers)

# syntax=docker/dockerfile:1
#
# gohttpd in the httpd:2.4 image's layout, so that swapping the image keeps
# the mounts: the config in /usr/local/apache2/conf, httpd and
# httpd-foreground in /usr/local/apache2/bin, the same stop signal.
#
#   docker build -t gohttpd .
#   docker run -p 80:80 gohttpd
#
# cmd/gohttpd's TestDockerDropIn builds this layout without Docker and runs
# the registry recipe in it.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# A static binary: the final image has no C library.
RUN CGO_ENABLED=0 go build -trimpath -ldflags=-s -o /rootfs/usr/local/apache2/bin/httpd ./cmd/gohttpd
# The image's entry point is a link: called by that name, the binary runs
# as "httpd -DFOREGROUND", as httpd:2.4's httpd-foreground script does.
RUN ln -s httpd /rootfs/usr/local/apache2/bin/httpd-foreground \
 && mkdir -p /rootfs/usr/local/apache2/logs /rootfs/tmp \
 && chmod 1777 /rootfs/tmp
COPY cmd/gohttpd/image/etc/ /rootfs/etc/
COPY cmd/gohttpd/image/conf/ /rootfs/usr/local/apache2/conf/
COPY cmd/gohttpd/image/htdocs/ /rootfs/usr/local/apache2/htdocs/

FROM scratch
COPY --from=build /rootfs/ /
ENV HTTPD_PREFIX=/usr/local/apache2
ENV PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /usr/local/apache2
# As httpd:2.4: SIGWINCH lets requests in flight finish.
STOPSIGNAL SIGWINCH
EXPOSE 80
CMD ["httpd-foreground"]
